/**
 * The app in headless Chromium on WebGPU (SwiftShader): it runs on the WebGPU backend, both
 * views show moving particles, the GUI edits the scene and the URL, a scene URL round-trips,
 * and a lost device can be restarted.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScene } from '../../src/scene/parse';
import { sceneFromHash } from '../../src/scene/url';
import {
  controller,
  hookState,
  messageText,
  pixelStats,
  startHarness,
  testScene,
  typeNumber,
  viewRegions,
  waitForFrames,
  waitForState,
  type Harness,
} from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('the app in a WebGPU browser', () => {
  it('runs on three.js WebGPU backend, never a WebGL fallback', async () => {
    const page = await harness.open(testScene());
    const state = await waitForFrames(page);
    expect(await page.evaluate(() => 'gpu' in navigator)).toBe(true);
    expect(state.backend).toBe('webgpu');
    expect(state.lastError).toBeNull();
    expect(state.messages).toEqual([]);
    await page.close();
  });

  it('shows moving particles in both views', async () => {
    const page = await harness.open(testScene());
    await waitForFrames(page);
    // Heat map off: the surfaces turn grey, and every coloured pixel is a particle.
    await controller(page, 'heat map of F').locator('input').uncheck();
    const before = await waitForState(page, 's.frames >= 3');
    const { plot, torus } = await viewRegions(page);

    const squareShot = await page.screenshot({ clip: plot });
    const torusShot = await page.screenshot({ clip: torus });
    const square = await pixelStats(page, squareShot);
    const donut = await pixelStats(page, torusShot);
    expect(square.distinct).toBeGreaterThan(500);
    expect(square.coloured).toBeGreaterThan(0.05);
    expect(donut.distinct).toBeGreaterThan(300);
    expect(donut.coloured).toBeGreaterThan(0.02);

    await waitForState(page, `s.steps >= ${before.steps + 8}`);
    const later = await page.screenshot({ clip: plot });
    expect(later.equals(squareShot)).toBe(false);
    expect((await hookState(page)).lastError).toBeNull();
    await page.close();
  });

  it('applies a GUI edit to the scene, the engine and the URL', async () => {
    const page = await harness.open(testScene());
    await waitForFrames(page);
    await controller(page, 'update rule')
      .locator('select')
      .selectOption({ label: 'simultaneous GD' });
    await typeNumber(page, 'η_G (generator)', '0.07');
    const state = await waitForState(
      page,
      `s.scene.rule === 'simultaneous' && s.scene.etaG === 0.07`,
    );
    expect(state.scene.particles).toBe(20_000);

    await page.waitForFunction(() => location.hash.startsWith('#scene='));
    await expect
      .poll(async () => sceneFromHash(new URL(page.url()).hash), { timeout: 10_000 })
      .toEqual(state.scene);
    // The particles kept running through the edit (no reseed for a step size).
    const steps = state.steps;
    expect((await waitForState(page, `s.steps > ${steps}`)).lastError).toBeNull();

    // The link reopens the same scene.
    const link = page.url();
    await page.close();
    const reopened = await harness.open(new URL(link).hash);
    expect((await waitForFrames(reopened)).scene).toEqual(state.scene);
    await reopened.close();
  });

  it('round-trips a scene through the URL', async () => {
    const scene = testScene({
      objective: {
        constant: 0.25,
        modes: [
          { n: -2, m: 1, a: 0.3, b: -0.125 },
          { n: 0, m: 3, a: 0, b: 0.4 },
        ],
      },
      rule: 'flow',
      etaG: 0.5,
      etaD: 2,
      dt: 0.01,
      seed: 77,
      start: { kind: 'disk', center: [1, 5], radius: 0.75 },
    });
    const page = await harness.open(scene);
    const state = await waitForFrames(page);
    expect(state.scene).toEqual(parseScene(scene));
    await page.close();
  });

  it('offers Restart after the device is lost, and restarts', async () => {
    const page = await harness.open(testScene());
    const before = await waitForFrames(page);
    await page.evaluate(() => window.__torusGanFlow!.loseDevice());
    expect(await messageText(page, 'device-lost')).toMatch(/GPU device was lost/);
    await page.locator('.message[data-topic="device-lost"] button', { hasText: 'Restart' }).click();
    const after = await waitForState(
      page,
      `s.backend === 'webgpu' && s.frames > ${before.frames + 3}`,
    );
    expect(after.messages).toEqual([]);
    expect(after.scene).toEqual(before.scene);
    await page.close();
  });
});

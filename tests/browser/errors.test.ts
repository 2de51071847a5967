/**
 * Bad input and missing GPUs in headless Chromium: each shows a clear message on the page
 * and leaves the app running with the scene it had.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScene } from '../../src/scene/parse';
import { DEFAULT_SCENE } from '../../src/scene/types';
import {
  controller,
  hookState,
  messageText,
  startHarness,
  testScene,
  typeNumber,
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

describe('bad input', () => {
  it('shows why a malformed URL scene is refused and falls back to the default', async () => {
    // The default scene has a million particles, too many for SwiftShader in a test: the
    // page runs without WebGPU, which the URL's handling does not need.
    const open = async (hash: string) => {
      const page = await harness.newPage();
      await page.addInitScript(() => {
        delete (Navigator.prototype as { gpu?: unknown }).gpu;
      });
      await page.goto(harness.url + hash);
      return page;
    };
    const page = await open('#scene=eyJldGFHIjogLTF9'); // {"etaG": -1}
    expect(await messageText(page, 'url')).toMatch(/Scene in the URL .*etaG/);
    expect((await hookState(page)).scene).toEqual(parseScene(DEFAULT_SCENE));
    await page.close();

    const garbled = await open('#scene=%%%not-base64');
    expect(await messageText(garbled, 'url')).toMatch(/Scene in the URL is not valid base64url/);
    await garbled.close();
  });

  it('refuses a malformed scene file and keeps the scene', async () => {
    const page = await harness.open(testScene({ seed: 5 }));
    const before = await waitForFrames(page);
    const input = page.locator('#scene-file');
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"rule": "adam"}'),
    });
    expect(await messageText(page, 'file')).toMatch(/bad\.json.*rule.*current scene is kept/);
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"rule": '),
    });
    expect(await messageText(page, 'file')).toMatch(/broken\.json.*not valid JSON/);
    const after = await waitForState(page, `s.frames > ${before.frames}`);
    expect(after.scene).toEqual(before.scene);
    await page.close();
  });

  it('rejects a non-finite number typed into a field and keeps the old value', async () => {
    const page = await harness.open(testScene());
    await waitForFrames(page);
    await typeNumber(page, 'η_G (generator)', 'Infinity');
    expect(await messageText(page, 'input')).toMatch(/etaG: expected a finite number/);
    const state = await hookState(page);
    expect(state.scene.etaG).toBe(DEFAULT_SCENE.etaG);
    const field = controller(page, 'η_G (generator)').locator('input');
    await expect.poll(() => field.inputValue()).toBe(String(DEFAULT_SCENE.etaG));
    await page.close();
  });

  it('shows the device limit for a huge particle count and keeps the old count', async () => {
    const page = await harness.open(testScene());
    await waitForFrames(page);
    await typeNumber(page, 'count', String(2 ** 28));
    expect(await messageText(page, 'limit')).toMatch(/268435456 particles .* at most \d+/);
    const state = await waitForState(page, 's.frames > 0');
    expect(state.scene.particles).toBe(testScene().particles);
    expect(state.backend).toBe('webgpu');
    await page.close();
  });

  it('pauses and explains when the step sizes blow the particles up', async () => {
    const page = await harness.open(testScene());
    await waitForFrames(page);
    // η = 1e30 throws every particle some 1e29 radians in one step, far past where float32
    // can tell one angle from another.
    await typeNumber(page, 'η_G (generator)', '1e30');
    expect(await messageText(page, 'blow-up')).toMatch(
      /\d+ of 20,000 particles blew up \(NaN, ∞, or thrown past .*the step sizes are too large/,
    );
    const state = await waitForState(page, '!s.running');
    expect(state.nonFinite).toBeGreaterThan(0);
    await page.close();
  });
});

describe('no usable GPU', () => {
  it('says so when the browser has no WebGPU', async () => {
    const bare = await harness.newPage();
    await bare.addInitScript(() => {
      delete (Navigator.prototype as { gpu?: unknown }).gpu;
    });
    await bare.goto(harness.url + '#scene=eyJwYXJ0aWNsZXMiOjEwMDB9'); // {"particles":1000}
    expect(await messageText(bare, 'gpu')).toMatch(/This browser has no WebGPU/);
    expect((await hookState(bare)).backend).toBeNull();
    await bare.close();
  });

  it('says so when there is no adapter, or the device is refused', async () => {
    const noAdapter = await harness.newPage();
    await noAdapter.addInitScript(() => {
      GPU.prototype.requestAdapter = async () => null;
    });
    await noAdapter.goto(harness.url);
    expect(await messageText(noAdapter, 'gpu')).toMatch(/no GPU adapter/);
    await noAdapter.close();

    const refused = await harness.newPage();
    await refused.addInitScript(() => {
      GPUAdapter.prototype.requestDevice = async () => {
        throw new Error('refused for the test');
      };
    });
    await refused.goto(harness.url);
    expect(await messageText(refused, 'gpu')).toMatch(/refused to create a device.*for the test/);
    await refused.close();
  });
});

/**
 * The browser tests' world: the app served by Vite on 127.0.0.1, Debian's Chromium driven by
 * playwright-core with WebGPU on SwiftShader (a CPU Vulkan driver, so no GPU is needed), and
 * helpers to open the app on a scene and read its state. A missing browser fails the tests:
 * nothing here skips.
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { layoutViews, type Rect } from '../../src/render/layout';
import { sceneToHash } from '../../src/scene/url';
import { DEFAULT_SCENE, cloneScene, type Scene } from '../../src/scene/types';
import type { TestHook } from '../../src/app/testHook';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Small enough for SwiftShader on two cores, large enough to cover the views. */
export const TEST_PARTICLES = 20_000;
export const VIEWPORT = { width: 800, height: 500 } as const;

/** The test hook's state, as plain data. */
export type HookState = Omit<TestHook, 'loseDevice'>;

export interface Harness {
  /** The app's address, without a hash. */
  url: string;
  /** A new blank page; page errors are printed. */
  newPage(): Promise<Page>;
  /** A new page showing the app with `scene` in its URL hash (none: no hash). */
  open(scene?: Scene | string): Promise<Page>;
  close(): Promise<void>;
}

/** A small scene for tests: the default scene with TEST_PARTICLES particles. */
export function testScene(fields: Partial<Scene> = {}): Scene {
  return { ...cloneScene(DEFAULT_SCENE), particles: TEST_PARTICLES, ...fields };
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's "chromium" package`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'torus-gan-flow-browser-'));
  let server: ViteDevServer | null = null;
  let context: BrowserContext | null = null;
  try {
    server = await createServer({
      root: ROOT,
      // Each server its own dependency cache: test files run in parallel.
      cacheDir: join(scratch, 'vite'),
      logLevel: 'warn',
      clearScreen: false,
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    const { port } = server.httpServer!.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/`;

    context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: VIEWPORT,
      env: { ...process.env, XDG_RUNTIME_DIR: scratch },
      args: [
        '--enable-unsafe-webgpu',
        '--enable-features=Vulkan',
        '--use-vulkan=swiftshader',
        '--use-angle=swiftshader',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const browser = context;
    const started = server;
    const newPage = async () => {
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      return page;
    };
    return {
      url,
      newPage,
      async open(scene) {
        const hash = typeof scene === 'string' ? scene : scene ? sceneToHash(scene) : '';
        const page = await newPage();
        await page.goto(url + hash);
        return page;
      },
      async close() {
        await browser.close();
        await started.close();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** The app's state as the test hook reports it; throws when the hook is not installed. */
export async function hookState(page: Page): Promise<HookState> {
  return page.evaluate(() => {
    const hook = window.__torusGanFlow;
    if (hook === undefined) throw new Error('window.__torusGanFlow is missing');
    const { backend, frames, steps, scene, running, lastError, messages, nonFinite } = hook;
    return { backend, frames, steps, scene, running, lastError, messages, nonFinite };
  });
}

/** Waits until the hook's state satisfies `predicate` (polled in the page). */
export async function waitForState(
  page: Page,
  predicate: string,
  timeout = 60_000,
): Promise<HookState> {
  await page.waitForFunction(
    (body) => {
      const hook = window.__torusGanFlow;
      return hook !== undefined && new Function('s', `return ${body};`)(hook);
    },
    predicate,
    { timeout, polling: 100 },
  );
  return hookState(page);
}

/** Waits for the app to draw `frames` frames on WebGPU. */
export function waitForFrames(page: Page, frames = 3): Promise<HookState> {
  return waitForState(page, `s.backend === 'webgpu' && s.frames >= ${frames}`);
}

/** The text of the message on `topic`, once one is shown. */
export async function messageText(page: Page, topic: string): Promise<string> {
  const message = page.locator(`.message[data-topic="${topic}"] .message-text`);
  await message.waitFor({ timeout: 60_000 });
  return (await message.textContent()) ?? '';
}

/** Where the views are on the page, in CSS pixels, for the layout "both". */
export async function viewRegions(page: Page): Promise<{ plot: Rect; torus: Rect }> {
  const box = await page.locator('#views').boundingBox();
  if (box === null) throw new Error('#views is not laid out');
  const rects = layoutViews('both', box.width, box.height);
  const shift = (rect: Rect | null): Rect => ({
    x: box.x + rect!.x,
    y: box.y + rect!.y,
    width: rect!.width,
    height: rect!.height,
  });
  return { plot: shift(rects.plot), torus: shift(rects.torus) };
}

/**
 * Distinct colours among the clearly coloured pixels of `png` (a screenshot), and their
 * share of all pixels. With the heat map off every surface is grey, so coloured pixels are
 * particles. Decoded in the page: the browser has a PNG decoder, the test runner none.
 */
export async function pixelStats(
  page: Page,
  png: Buffer,
): Promise<{ distinct: number; coloured: number }> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const colours = new Set<number>();
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) <= 40) continue;
      coloured++;
      colours.add((r << 16) | (g << 8) | b);
    }
    return { distinct: colours.size, coloured: coloured / (data.length / 4) };
  }, png.toString('base64'));
}

/** The lil-gui controller row whose label is `name`. */
export function controller(page: Page, name: string) {
  return page.locator('.lil-controller', {
    has: page.locator('.lil-name', { hasText: new RegExp(`^${escape(name)}$`) }),
  });
}

/** Types `value` into the number field labelled `name` and settles it with Enter. */
export async function typeNumber(page: Page, name: string, value: string): Promise<void> {
  const input = controller(page, name).locator('input').last();
  await input.fill(value);
  await input.press('Enter');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

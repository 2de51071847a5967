/**
 * `window.__torusGanFlow`: a small read-mostly view of the app's state for the browser
 * tests (and for a curious person at the console). It changes nothing in the app except
 * through `loseDevice`, which simulates a lost GPU.
 */

import type { Scene } from '../scene/types';

export interface TestHook {
  /** three's backend drawing the views: 'webgpu', or null while none runs. */
  readonly backend: 'webgpu' | 'webgl' | null;
  /** Frames drawn since the page loaded, over every session. */
  readonly frames: number;
  /** Steps the particles made since the last reset. */
  readonly steps: number;
  /** The current scene (a copy). */
  readonly scene: Scene;
  /** Whether the particles are advancing. */
  readonly running: boolean;
  /** The last error shown to the person, or null. */
  readonly lastError: string | null;
  /** Texts of the messages on the page. */
  readonly messages: string[];
  /** Particles that became NaN or infinite since the last reset, as last polled. */
  readonly nonFinite: number;
  /** Destroys the GPU device as a driver crash would, to exercise the "Restart" path. */
  loseDevice(): void;
}

declare global {
  interface Window {
    __torusGanFlow?: TestHook;
  }
}

export function installTestHook(hook: TestHook): void {
  window.__torusGanFlow = hook;
}

/**
 * The scene in the address bar. The hash is rewritten with `history.replaceState` (no new
 * history entry, no reload) shortly after the scene stops changing: browsers throttle
 * replaceState, and dragging a slider changes the scene many times a second.
 */

import { SceneError } from '../scene/parse';
import type { Scene } from '../scene/types';
import { sceneFromHash, sceneToHash } from '../scene/url';

/** Delay between the last change and the hash write, in milliseconds. */
const WRITE_DELAY_MS = 150;

/** The scene of the page's hash: null with no error when it carries none. */
export function readHashScene(hash: string): { scene: Scene | null; error: SceneError | null } {
  try {
    return { scene: sceneFromHash(hash), error: null };
  } catch (error) {
    if (error instanceof SceneError) return { scene: null, error };
    throw error;
  }
}

export class HashWriter {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The hash this writer last wrote, so that the app can tell its own writes apart. */
  lastWritten = '';

  /** Writes `scene` into the hash after a short delay, replacing any pending write. */
  schedule(scene: Scene): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const hash = sceneToHash(scene);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastWritten = hash;
      history.replaceState(history.state, '', hash);
    }, WRITE_DELAY_MS);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

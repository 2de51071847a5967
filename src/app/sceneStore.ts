/**
 * The one scene the app runs. Every change, from the GUI, a preset, a file or the URL, goes
 * through `propose`: validated by `parseScene`, then handed to the applier (the GPU session),
 * and only when both accept it does it become the current scene. A refused change leaves
 * the current scene as it was.
 */

import { SceneError, parseScene } from '../scene/parse';
import { cloneScene, type Scene } from '../scene/types';

/**
 * What a change touches: `dynamics` (objective, rule, step sizes: the particles stay),
 * `particles` (count, seed, start: the particles are placed anew) or `all`.
 */
export type SceneChange = 'dynamics' | 'particles' | 'all';

/** Makes a validated scene take effect; throws to refuse it (e.g. a ParticleLimitError). */
export type SceneApplier = (next: Scene, previous: Scene, change: SceneChange) => void;

export class SceneStore {
  private current: Scene;
  private applier: SceneApplier | null = null;
  private readonly listeners: ((scene: Scene, change: SceneChange) => void)[] = [];

  constructor(initial: Scene) {
    this.current = cloneScene(initial);
  }

  /** A copy of the current scene. */
  get scene(): Scene {
    return cloneScene(this.current);
  }

  /** Sets who runs the scene; null while nothing does (no GPU). */
  setApplier(applier: SceneApplier | null): void {
    this.applier = applier;
  }

  /** Calls `listener` after every accepted change. */
  onCommit(listener: (scene: Scene, change: SceneChange) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Validates `candidate` (a scene in its JSON form, possibly straight from the GUI) and
   * applies it. Returns null when accepted, else the error that refused it: a SceneError
   * naming the field, or whatever the applier threw.
   */
  propose(candidate: unknown, change: SceneChange): Error | null {
    let next: Scene;
    try {
      next = parseScene(candidate);
    } catch (error) {
      if (error instanceof SceneError) return error;
      throw error;
    }
    try {
      this.applier?.(next, this.current, change);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
    this.current = next;
    for (const listener of this.listeners) listener(cloneScene(next), change);
    return null;
  }
}

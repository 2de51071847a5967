/**
 * The objective's part of the GUI: the constant and one folder per Fourier mode, with
 * buttons to add and remove modes. It edits the draft scene's objective in place and says
 * when it did; the caller validates and applies.
 */

import type GUI from 'lil-gui';
import { MAX_ORDER, type Mode, type Objective } from '../scene/types';

/** How an edit should be applied: `live` while a value is being dragged or typed, `final`
 * once it is settled (Enter, blur, end of drag), `structure` for added or removed modes. */
export type EditKind = 'live' | 'final' | 'structure';

export class ModesFolder {
  private readonly folder: GUI;
  private readonly modeFolders: GUI[] = [];

  constructor(
    parent: GUI,
    private readonly objective: Objective,
    private readonly edited: (kind: EditKind) => void,
  ) {
    this.folder = parent.addFolder('F = c + Σ a cos(nx + my) + b sin(nx + my)');
    this.folder
      .add(objective, 'constant')
      .name('constant c')
      .onChange(() => edited('live'))
      .onFinishChange(() => edited('final'));
    this.folder.add({ add: () => this.addMode() }, 'add').name('+ add mode');
    this.rebuild();
  }

  /**
   * Shows the modes of `objective` (the committed, canonical form). Rebuilds the mode
   * folders only when their (n, m) pairs changed, so that an open folder stays open.
   */
  sync(objective: Objective): void {
    const sameShape =
      objective.modes.length === this.objective.modes.length &&
      objective.modes.every(
        (mode, i) => mode.n === this.objective.modes[i]!.n && mode.m === this.objective.modes[i]!.m,
      );
    this.objective.constant = objective.constant;
    if (sameShape) {
      objective.modes.forEach((mode, i) => {
        Object.assign(this.objective.modes[i]!, mode);
        this.modeFolders[i]!.title(modeTitle(mode));
      });
      for (const controller of this.folder.controllersRecursive()) controller.updateDisplay();
      return;
    }
    this.objective.modes = objective.modes.map((mode) => ({ ...mode }));
    this.rebuild();
  }

  private rebuild(): void {
    for (const folder of this.modeFolders.splice(0)) folder.destroy();
    this.folder.controllers[0]!.updateDisplay();
    // Many modes would push the rest of the panel out of sight: start them closed.
    const closed = this.objective.modes.length > 3;
    this.objective.modes.forEach((mode, i) => {
      const folder = this.folder.addFolder(modeTitle(mode));
      if (closed) folder.close();
      folder.domElement.dataset.mode = String(i);
      const integerField = (key: 'n' | 'm') =>
        folder.add(mode, key, -MAX_ORDER, MAX_ORDER, 1).onFinishChange(() => {
          folder.title(modeTitle(mode));
          this.edited('final');
        });
      integerField('n');
      integerField('m');
      for (const key of ['a', 'b'] as const) {
        folder
          .add(mode, key)
          .name(key === 'a' ? 'a (cos)' : 'b (sin)')
          .onChange(() => this.edited('live'))
          .onFinishChange(() => {
            folder.title(modeTitle(mode));
            this.edited('final');
          });
      }
      folder.add({ remove: () => this.removeMode(i) }, 'remove').name('remove this mode');
      this.modeFolders.push(folder);
    });
  }

  private addMode(): void {
    this.objective.modes.push({ ...freePair(this.objective.modes), a: 0.1, b: 0 });
    this.rebuild();
    this.edited('structure');
  }

  private removeMode(index: number): void {
    this.objective.modes.splice(index, 1);
    this.rebuild();
    this.edited('structure');
  }
}

/** A mode folder's title: its frequencies and coefficients, e.g. "(1, −1)  a 0.5  b 0". */
function modeTitle(mode: Mode): string {
  const number = (v: number) => String(Number(v.toPrecision(4))).replace('-', '−');
  return `(${number(mode.n)}, ${number(mode.m)})  a ${number(mode.a)}  b ${number(mode.b)}`;
}

/** The lowest-order canonical pair (n > 0, or n = 0 and m > 0) not yet in `modes`. */
function freePair(modes: readonly Mode[]): { n: number; m: number } {
  const taken = new Set(modes.map((mode) => `${mode.n},${mode.m}`));
  for (let order = 1; order <= MAX_ORDER; order++) {
    for (let n = 0; n <= order; n++) {
      for (let m = -order; m <= order; m++) {
        const canonical = n > 0 || m > 0;
        const ofOrder = Math.max(n, Math.abs(m)) === order;
        if (canonical && ofOrder && !taken.has(`${n},${m}`)) return { n, m };
      }
    }
  }
  // Every pair is taken: the scene is at MAX_MODES, and parseScene will say so.
  return { n: 1, m: 0 };
}

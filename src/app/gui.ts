/**
 * The control panel (lil-gui). It edits a draft copy of the scene and the view settings,
 * nothing else: every edit is handed to `propose` (validated by the scene store, applied by
 * the app), and a refused edit puts the draft back to the current scene. Cheap changes
 * (coefficients, step sizes) apply while a value moves; rebuilds (count, seed, start) when
 * it is settled.
 */

import GUI, { type Controller } from 'lil-gui';
import { PRESETS } from '../scene/presets';
import { MAX_DISCRIMINATOR_STEPS } from '../scene/parse';
import { cloneScene, MAX_ORDER, RULES, type Rule, type Scene, type Start } from '../scene/types';
import { ModesFolder, type EditKind } from './modesFolder';
import { LAYOUTS, type ViewSettings } from './settings';
import type { SceneChange } from './sceneStore';

/** What the panel asks of the app. */
export interface GuiHooks {
  /**
   * Validates and applies a scene; `quiet` while a value is still moving (no message on
   * refusal). Returns whether the scene was accepted.
   */
  propose(scene: Scene, change: SceneChange, quiet: boolean): boolean;
  /** The current (accepted) scene. */
  current(): Scene;
  settingsChanged(settings: ViewSettings): void;
  presetChosen(id: string, options: { seed: number; order: number }): void;
  step(): void;
  reset(): void;
  save(): void;
  load(): void;
}

const RULE_LABELS: Record<Rule, string> = {
  agd: 'AGD, discriminator first',
  'agd-generator-first': 'AGD, generator first',
  simultaneous: 'simultaneous GD',
  flow: 'continuous flow (RK4)',
};

/** The start distribution's fields, flattened for lil-gui; `start` is rebuilt from them. */
interface StartForm {
  kind: Start['kind'];
  centerX: number;
  centerY: number;
  radius: number;
  gridWidth: number;
  gridHeight: number;
}

export class AppGui {
  private readonly gui: GUI;
  private readonly draft: Scene;
  private readonly start: StartForm;
  private readonly modes: ModesFolder;
  private readonly playButton: Controller;
  private readonly ruleFields: { steps: Controller; dt: Controller };
  private readonly startFields: Controller[] = [];

  constructor(
    container: HTMLElement,
    scene: Scene,
    private readonly settings: ViewSettings,
    private readonly hooks: GuiHooks,
  ) {
    this.draft = cloneScene(scene);
    this.start = startForm(scene);
    this.gui = new GUI({ container, title: 'torus-gan-flow' });

    this.addPresets();
    this.modes = new ModesFolder(this.gui, this.draft.objective, (kind) => this.modesEdited(kind));

    const dynamics = this.gui.addFolder('Update rule and step sizes');
    const ruleOptions = Object.fromEntries(RULES.map((rule) => [RULE_LABELS[rule], rule]));
    dynamics
      .add(this.draft, 'rule', ruleOptions)
      .name('update rule')
      .onChange(() => {
        this.showRuleFields();
        this.edit('dynamics', 'final');
      });
    this.addLive(dynamics, 'etaG', 'η_G (generator)');
    this.addLive(dynamics, 'etaD', 'η_D (discriminator)');
    this.ruleFields = {
      steps: dynamics
        .add(this.draft, 'discriminatorSteps', 1, MAX_DISCRIMINATOR_STEPS, 1)
        .name('k_D (D steps per G step)')
        .onFinishChange(() => this.edit('dynamics', 'final')),
      dt: this.addLive(dynamics, 'dt', 'h (RK4 time step)'),
    };
    this.showRuleFields();

    const run = this.gui.addFolder('Run');
    this.playButton = run.add({ toggle: () => this.togglePlay() }, 'toggle');
    this.showPlayState();
    run.add({ step: () => hooks.step() }, 'step').name('single step');
    run.add({ reset: () => hooks.reset() }, 'reset').name('reset particles');
    run
      .add(settings, 'stepsPerFrame', 1, 64, 1)
      .name('steps per frame')
      .onChange(() => hooks.settingsChanged(settings));

    this.addParticles();
    this.addView();

    const files = this.gui.addFolder('Scene file');
    files.add({ save: () => hooks.save() }, 'save').name('save scene (JSON)');
    files.add({ load: () => hooks.load() }, 'load').name('load scene…');
  }

  /** Shows `scene` (accepted elsewhere, or after a refusal) in every field. */
  sync(scene: Scene): void {
    const { objective, ...rest } = cloneScene(scene);
    Object.assign(this.draft, rest);
    this.modes.sync(objective);
    Object.assign(this.start, startForm(scene));
    this.showRuleFields();
    this.showStartFields();
    for (const controller of this.gui.controllersRecursive()) controller.updateDisplay();
  }

  /** Shows whether the particles are running; the app pauses them on a blow-up. */
  showPlayState(): void {
    this.playButton.name(this.settings.running ? '❚❚ pause' : '▶ play');
  }

  dispose(): void {
    this.gui.destroy();
  }

  private edit(change: SceneChange, kind: EditKind): void {
    const accepted = this.hooks.propose(cloneScene(this.draft), change, kind === 'live');
    // A value still moving may pass through invalid states (typing "0.05" passes "0");
    // only a settled value that is refused goes back.
    if (!accepted && kind !== 'live') this.sync(this.hooks.current());
  }

  private modesEdited(kind: EditKind): void {
    this.edit('dynamics', kind);
  }

  /** A number field applied while it moves and checked again when it settles. */
  private addLive(folder: GUI, key: 'etaG' | 'etaD' | 'dt', label: string): Controller {
    return folder
      .add(this.draft, key)
      .name(label)
      .onChange(() => this.edit('dynamics', 'live'))
      .onFinishChange(() => this.edit('dynamics', 'final'));
  }

  private addPresets(): void {
    const folder = this.gui.addFolder('Presets');
    const form = { preset: '', seed: 1, order: 4 };
    const labels = Object.fromEntries([
      ['(choose a preset)', ''],
      ...PRESETS.map((preset) => [preset.label, preset.id]),
    ]);
    const choose = () => {
      seed.show(form.preset === 'random-order-3');
      order.show(form.preset === 'gan-exponential');
      if (form.preset !== '') this.hooks.presetChosen(form.preset, form);
    };
    folder.add(form, 'preset', labels).name('preset').onChange(choose);
    const seed = folder.add(form, 'seed', 0, 1000, 1).name('coefficient seed');
    const order = folder.add(form, 'order', 1, MAX_ORDER, 1).name('truncation order N');
    seed.onFinishChange(choose);
    order.onFinishChange(choose);
    seed.hide();
    order.hide();
  }

  private addParticles(): void {
    const folder = this.gui.addFolder('Particles');
    const settled = () => this.edit('particles', 'final');
    folder.add(this.draft, 'particles').min(1).step(1).name('count').onFinishChange(settled);
    folder.add(this.draft, 'seed').min(0).step(1).name('seed').onFinishChange(settled);
    const kinds = { uniform: 'uniform', disk: 'disk', grid: 'grid' };
    const startEdited = () => {
      this.draft.start = startFromForm(this.start);
      this.showStartFields();
      settled();
    };
    folder.add(this.start, 'kind', kinds).name('start').onChange(startEdited);
    this.startFields.push(
      folder.add(this.start, 'centerX', 0, 2 * Math.PI).name('disk centre x'),
      folder.add(this.start, 'centerY', 0, 2 * Math.PI).name('disk centre y'),
      folder.add(this.start, 'radius', 0.01, Math.PI).name('disk radius'),
      folder.add(this.start, 'gridWidth').min(1).step(1).name('grid width'),
      folder.add(this.start, 'gridHeight').min(1).step(1).name('grid height'),
    );
    for (const field of this.startFields) field.onFinishChange(startEdited);
    this.showStartFields();
  }

  private addView(): void {
    const folder = this.gui.addFolder('View');
    const changed = () => this.hooks.settingsChanged(this.settings);
    folder.add(this.settings, 'layout', LAYOUTS).name('layout').onChange(changed);
    folder.add(this.settings, 'pointSize', 0.5, 8, 0.5).name('point size (px)').onChange(changed);
    folder.add(this.settings, 'majorRadius', 0.5, 2, 0.01).name('torus R').onChange(changed);
    folder.add(this.settings, 'minorRadius', 0.05, 1, 0.01).name('torus r').onChange(changed);
    folder.add(this.settings, 'heatMap').name('heat map of F').onChange(changed);
  }

  private togglePlay(): void {
    this.settings.running = !this.settings.running;
    this.showPlayState();
    this.hooks.settingsChanged(this.settings);
  }

  private showRuleFields(): void {
    const agd = this.draft.rule === 'agd' || this.draft.rule === 'agd-generator-first';
    this.ruleFields?.steps.show(agd);
    this.ruleFields?.dt.show(this.draft.rule === 'flow');
  }

  private showStartFields(): void {
    const [cx, cy, radius, width, height] = this.startFields;
    for (const field of [cx, cy, radius]) field?.show(this.start.kind === 'disk');
    for (const field of [width, height]) field?.show(this.start.kind === 'grid');
  }
}

/** The form's fields for `scene`'s start, with sensible values for the other kinds. */
function startForm(scene: Scene): StartForm {
  const side = Math.max(1, Math.round(Math.sqrt(scene.particles)));
  const form: StartForm = {
    kind: scene.start.kind,
    centerX: Math.PI,
    centerY: Math.PI,
    radius: 0.5,
    gridWidth: side,
    gridHeight: side,
  };
  if (scene.start.kind === 'disk') {
    [form.centerX, form.centerY] = scene.start.center;
    form.radius = scene.start.radius;
  } else if (scene.start.kind === 'grid') {
    [form.gridWidth, form.gridHeight] = scene.start.size;
  }
  return form;
}

function startFromForm(form: StartForm): Start {
  switch (form.kind) {
    case 'uniform':
      return { kind: 'uniform' };
    case 'disk':
      return { kind: 'disk', center: [form.centerX, form.centerY], radius: form.radius };
    case 'grid':
      return { kind: 'grid', size: [form.gridWidth, form.gridHeight] };
  }
}

/**
 * The app: wires the scene store, the GUI, the URL and scene files to one GPU session, runs
 * the frame loop and shows every failure on the page. It keeps running whatever happens:
 * without WebGPU the GUI and scene files still work, and a lost device can be restarted.
 */

import { ParticleLimitError } from '../engine/limits';
import { SceneError } from '../scene/parse';
import { presetById } from '../scene/presets';
import { DEFAULT_SCENE, type Scene } from '../scene/types';
import { AppGui } from './gui';
import { MessagePanel, type MessageAction, type Topic } from './messages';
import { downloadScene, readSceneFile } from './sceneFile';
import { SceneStore, type SceneChange } from './sceneStore';
import { GpuSession } from './session';
import { DEFAULT_SETTINGS, type ViewSettings } from './settings';
import { Stats } from './stats';
import { installTestHook } from './testHook';
import { HashWriter, readHashScene } from './urlSync';

/** How often the engine's blow-up counter is read back, in milliseconds. */
const BLOW_UP_POLL_MS = 500;

/** The page elements the app fills; index.html provides them. */
export interface AppElements {
  /** Holds the canvas; sized by the page. */
  views: HTMLElement;
  /** Laid over the canvas, for labels and the donut's pointer area. */
  overlay: HTMLElement;
  messages: HTMLElement;
  stats: HTMLElement;
  caption: HTMLElement;
  gui: HTMLElement;
  /** The hidden file input that "load scene…" opens. */
  fileInput: HTMLInputElement;
}

export class App {
  private readonly settings: ViewSettings = { ...DEFAULT_SETTINGS };
  private readonly messages: MessagePanel;
  private readonly stats: Stats;
  private readonly hash = new HashWriter();
  private readonly store: SceneStore;
  private readonly gui: AppGui;
  private session: GpuSession | null = null;
  private deviceLost = false;
  private frames = 0;
  private steps = 0;
  /** Single steps asked for while paused, done at the next frame. */
  private pendingSteps = 0;
  private lastError: string | null = null;
  private nonFinite = 0;
  private blowUpPaused = false;
  private pollPending = false;
  /** Counts reseeds, so that a blow-up count read before one is not shown after it. */
  private reseeds = 0;

  constructor(private readonly elements: AppElements) {
    this.messages = new MessagePanel(elements.messages);
    this.stats = new Stats(elements.stats);

    const { scene, error } = readHashScene(location.hash);
    if (error !== null) {
      this.report(
        'url',
        `${capitalised(sentence(error.message))} Showing the default scene instead.`,
      );
    }
    this.store = new SceneStore(scene ?? DEFAULT_SCENE);
    this.store.setApplier((next, previous, change) => this.apply(next, previous, change));
    this.gui = new AppGui(elements.gui, this.store.scene, this.settings, {
      propose: (candidate, change, quiet) => this.proposeFromGui(candidate, change, quiet),
      current: () => this.store.scene,
      settingsChanged: () => this.settingsChanged(),
      presetChosen: (id, options) => this.choosePreset(id, options),
      step: () => this.singleStep(),
      reset: () => this.reset(),
      save: () => downloadScene(this.store.scene),
      load: () => elements.fileInput.click(),
    });
    this.store.onCommit((committed) => {
      this.hash.schedule(committed);
      this.gui.sync(committed);
    });
    // A refused link is replaced by the scene that runs, so that a copied link reopens it.
    if (error !== null) this.hash.schedule(this.store.scene);

    elements.fileInput.addEventListener('change', () => void this.loadChosenFile());
    window.addEventListener('hashchange', () => this.hashChanged());
    new ResizeObserver(() => this.resize()).observe(elements.views);
    setInterval(() => void this.pollBlowUp(), BLOW_UP_POLL_MS);
    this.installHook();

    void this.startSession();
    requestAnimationFrame(this.loop);
  }

  /** Builds the GPU session for the current scene; a failure becomes a message. */
  private async startSession(): Promise<void> {
    this.messages.clear('gpu');
    this.messages.clear('device-lost');
    const started = this.store.scene;
    const events = {
      lost: (message: string) => this.lost(message),
      gpuError: (message: string) => this.report('gpu-error', `WebGPU error: ${message}`),
    };
    const { views, overlay } = this.elements;
    try {
      this.session = await GpuSession.start(views, overlay, started, this.settings, events);
    } catch (error) {
      if (error instanceof ParticleLimitError) {
        // The URL asked for more particles than this device holds: say so, run fewer.
        this.report('limit', `${error.message} Starting with ${DEFAULT_SCENE.particles}.`);
        this.store.propose({ ...started, particles: DEFAULT_SCENE.particles }, 'particles');
        return this.startSession();
      }
      this.report('gpu', (error as Error).message);
      return;
    }
    this.deviceLost = false;
    this.afterReseed();
    this.resize();
    // The scene may have changed while the device was being requested.
    const current = this.store.scene;
    if (JSON.stringify(current) !== JSON.stringify(started)) this.apply(current, started, 'all');
  }

  /** The store's applier: makes an accepted scene take effect on the GPU. */
  private apply(next: Scene, previous: Scene, change: SceneChange): void {
    const session = this.session;
    if (session === null || this.deviceLost) return;
    if (change !== 'dynamics') {
      session.reseed(next);
      this.afterReseed();
    }
    const objectiveChanged = JSON.stringify(next.objective) !== JSON.stringify(previous.objective);
    session.setDynamics(next, objectiveChanged);
  }

  private afterReseed(): void {
    this.reseeds++;
    this.steps = 0;
    this.nonFinite = 0;
    this.blowUpPaused = false;
    this.messages.clear('blow-up');
  }

  private loop = (now: number): void => {
    requestAnimationFrame(this.loop);
    const session = this.session;
    if (session === null || this.deviceLost) return;
    const wanted = this.settings.running ? this.settings.stepsPerFrame : this.pendingSteps;
    const drawn = session.frame(wanted);
    const steps = drawn ? wanted : 0;
    if (drawn) {
      this.pendingSteps = 0;
      this.steps += steps;
      this.frames++;
    }
    const count = session.engine.count;
    this.stats.tick(now, drawn, steps * count, () => {
      const state = this.settings.running ? '' : ' (paused)';
      return `${count.toLocaleString('en')} particles · t = ${this.steps} steps${state}`;
    });
  };

  private proposeFromGui(candidate: Scene, change: SceneChange, quiet: boolean): boolean {
    const error = this.store.propose(candidate, change);
    if (error === null) {
      this.messages.clear('input');
      this.messages.clear('limit');
      return true;
    }
    if (!quiet) this.reportRefusal(error, 'The previous value is kept.');
    return false;
  }

  private reportRefusal(error: Error, consequence: string): void {
    if (error instanceof ParticleLimitError) {
      this.report('limit', `Too many particles: ${error.message} ${consequence}`);
    } else {
      this.report('input', `Rejected: ${error.message}. ${consequence}`);
    }
  }

  private choosePreset(id: string, options: { seed: number; order: number }): void {
    const preset = presetById(id);
    if (preset === undefined) return;
    let scene: Scene;
    try {
      scene = preset.build(options);
    } catch (error) {
      this.report('preset', `Preset "${preset.label}": ${(error as Error).message}`);
      return;
    }
    // The particle count is a property of the machine more than of the preset: keep it.
    scene.particles = this.store.scene.particles;
    const error = this.store.propose(scene, 'all');
    if (error !== null) {
      this.reportRefusal(error, 'The current scene is kept.');
      return;
    }
    this.messages.clear('preset');
    this.elements.caption.textContent = `${preset.label}: ${preset.describe}`;
  }

  private async loadChosenFile(): Promise<void> {
    const input = this.elements.fileInput;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again fires another change event.
    input.value = '';
    if (file === undefined) return;
    let error: Error | null;
    try {
      error = this.store.propose(await readSceneFile(file), 'all');
    } catch (thrown) {
      if (!(thrown instanceof SceneError)) throw thrown;
      error = thrown;
    }
    if (error === null) {
      this.messages.clear('file');
      this.elements.caption.textContent = `Scene file ${file.name}`;
    } else {
      this.report('file', `Cannot load ${file.name}: ${error.message}. The current scene is kept.`);
    }
  }

  private hashChanged(): void {
    if (location.hash === this.hash.lastWritten) return;
    const { scene, error } = readHashScene(location.hash);
    if (error !== null) {
      this.report('url', `${capitalised(sentence(error.message))} The current scene is kept.`);
      // The address bar shows the scene that runs, so that a copied link reopens it.
      this.hash.schedule(this.store.scene);
      return;
    }
    if (scene === null) return;
    const refused = this.store.propose(scene, 'all');
    if (refused !== null) {
      this.reportRefusal(refused, 'The current scene is kept.');
      this.hash.schedule(this.store.scene);
    } else this.messages.clear('url');
  }

  private settingsChanged(): void {
    this.session?.views.applySettings(this.settings);
    this.gui.showPlayState();
  }

  private singleStep(): void {
    this.settings.running = false;
    this.gui.showPlayState();
    this.pendingSteps++;
  }

  private reset(): void {
    if (this.session === null || this.deviceLost) return;
    this.session.reseed(this.store.scene);
    this.afterReseed();
  }

  private resize(): void {
    const { clientWidth, clientHeight } = this.elements.views;
    this.session?.views.resize(clientWidth, clientHeight);
  }

  /** Reads the blow-up counter without waiting for it in a frame. */
  private async pollBlowUp(): Promise<void> {
    const session = this.session;
    if (session === null || this.deviceLost || this.pollPending) return;
    this.pollPending = true;
    const reseeds = this.reseeds;
    try {
      const count = await session.engine.readNonFiniteCount();
      if (session !== this.session || reseeds !== this.reseeds || count === 0) return;
      this.nonFinite = count;
      this.report(
        'blow-up',
        `${count.toLocaleString('en')} of ${session.engine.count.toLocaleString('en')} ` +
          'particles blew up (NaN, ∞, or thrown past 2²³ radians in one step, where float32 ' +
          'loses the angle): the step sizes are too large for this objective. ' +
          'Lower η_G and η_D (or h), then press "reset particles".',
      );
      // Pause once per reset, so that the person sees it; they may run on regardless.
      if (!this.blowUpPaused) {
        this.blowUpPaused = true;
        this.settings.running = false;
        this.gui.showPlayState();
      }
    } catch {
      // The device was lost meanwhile; that has its own message.
    } finally {
      this.pollPending = false;
    }
  }

  private lost(message: string): void {
    this.deviceLost = true;
    const restart: MessageAction = { label: 'Restart', run: () => void this.restart() };
    this.report(
      'device-lost',
      `The GPU device was lost (${message}). The particles are gone; Restart builds a new ` +
        'device and starts the current scene again.',
      [restart],
    );
  }

  private async restart(): Promise<void> {
    this.session?.dispose();
    this.session = null;
    await this.startSession();
  }

  private report(topic: Topic, text: string, actions: MessageAction[] = []): void {
    this.lastError = text;
    this.messages.show(topic, text, actions);
  }

  private installHook(): void {
    const app = this;
    installTestHook({
      get backend() {
        return app.session === null || app.deviceLost ? null : app.session.backend;
      },
      get frames() {
        return app.frames;
      },
      get steps() {
        return app.steps;
      },
      get scene() {
        return app.store.scene;
      },
      get running() {
        return app.settings.running;
      },
      get lastError() {
        return app.lastError;
      },
      get messages() {
        return app.messages.texts();
      },
      get nonFinite() {
        return app.nonFinite;
      },
      loseDevice() {
        app.session?.device.destroy();
      },
    });
  }
}

/** `text` ending with exactly one full stop. */
function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

/** `text` with its first letter in upper case, to open a message. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

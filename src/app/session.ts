/**
 * One life of the GPU: a device, the flow engine and the three.js renderer on that same
 * device, and the views. Device sharing: the engine's particle buffers reach three.js by a
 * GPU-to-GPU copy each frame (docs/ARCHITECTURE.md says why). When the device is lost, the
 * app throws the whole session away and builds a new one.
 */

import { LinearSRGBColorSpace, WebGPURenderer } from 'three/webgpu';
import { FlowEngine } from '../engine/engine';
import type { Scene } from '../scene/types';
import { ViewSet } from '../render/viewSet';
import { acquireDevice } from './gpu';
import type { ViewSettings } from './settings';

/** Frames whose GPU work may be queued at once; more, and the app skips a frame. */
const MAX_FRAMES_IN_FLIGHT = 2;

/** What a session reports to the app. */
export interface SessionEvents {
  /** The device was lost, not by `dispose`. */
  lost(message: string): void;
  /** An uncaptured WebGPU error (validation, out of memory). */
  gpuError(message: string): void;
}

export class GpuSession {
  /** Which of three's backends draws: always 'webgpu', else the session refuses to start. */
  readonly backend = 'webgpu';
  private disposed = false;
  private inFlight = 0;

  private constructor(
    readonly device: GPUDevice,
    readonly engine: FlowEngine,
    readonly renderer: WebGPURenderer,
    readonly views: ViewSet,
    private readonly canvas: HTMLCanvasElement,
  ) {}

  /**
   * Builds a session drawing into a new canvas in `container`, whose views' overlays go in
   * `overlay`. Throws a GpuStartError without a device, a ParticleLimitError when the
   * scene's count does not fit the device, or an Error when three would not use WebGPU.
   */
  static async start(
    container: HTMLElement,
    overlay: HTMLElement,
    scene: Scene,
    settings: ViewSettings,
    events: SessionEvents,
  ): Promise<GpuSession> {
    const { device } = await acquireDevice();
    const canvas = document.createElement('canvas');
    canvas.className = 'views-canvas';
    let engine: FlowEngine | null = null;
    let renderer: WebGPURenderer | null = null;
    try {
      engine = new FlowEngine(device, scene);
      renderer = new WebGPURenderer({ canvas, device, antialias: false, alpha: false });
      await renderer.init();
      // three falls back to WebGL 2 when its WebGPU backend fails to start; this app's
      // engine cannot run there, and a silent fallback would hide the failure.
      if ((renderer.backend as { isWebGPUBackend?: boolean }).isWebGPUBackend !== true) {
        throw new Error('three.js could not start its WebGPU backend (it fell back to WebGL).');
      }
      // Colours are computed as display values: no conversion, no extra output pass.
      renderer.outputColorSpace = LinearSRGBColorSpace;
      renderer.setPixelRatio(window.devicePixelRatio);
      const views = new ViewSet(renderer, overlay, settings, scene.objective);
      views.setParticleCount(scene.particles);
      container.prepend(canvas);
      const session = new GpuSession(device, engine, renderer, views, canvas);
      session.listen(events);
      return session;
    } catch (error) {
      renderer?.dispose();
      engine?.destroy();
      device.destroy();
      throw error;
    }
  }

  /** Loads the objective, rule and step sizes; the particles stay where they are. */
  setDynamics(scene: Scene, objectiveChanged: boolean): void {
    this.engine.setDynamics(scene);
    if (objectiveChanged) this.views.setObjective(scene.objective);
  }

  /** Places the particles anew; throws a ParticleLimitError, changing nothing, past the device. */
  reseed(scene: Scene): void {
    this.engine.reseed(scene);
    this.views.setParticleCount(scene.particles);
  }

  /**
   * Advances the particles `steps` steps, copies them to three and draws. Returns false,
   * doing nothing, while the GPU is still busy with earlier frames or when nothing moved.
   */
  frame(steps: number): boolean {
    if (this.inFlight >= MAX_FRAMES_IN_FLIGHT) return false;
    // Asked every frame: it also applies the camera controls' pending input.
    const wanted = this.views.needsFrame();
    if (steps === 0 && !wanted) return false;
    if (steps > 0) this.engine.advance(steps);
    const encoder = this.device.createCommandEncoder({ label: 'GpuSession.copyParticles' });
    this.views.encodeCopy(this.engine, encoder);
    this.device.queue.submit([encoder.finish()]);
    this.views.render();
    this.inFlight++;
    this.device.queue.onSubmittedWorkDone().then(
      () => this.inFlight--,
      () => this.inFlight--,
    );
    return true;
  }

  /** Frees everything and the device itself. The session is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.views.dispose();
    this.renderer.dispose();
    this.engine.destroy();
    this.device.destroy();
    this.canvas.remove();
  }

  private listen(events: SessionEvents): void {
    this.device.lost.then((info) => {
      if (!this.disposed) events.lost(info.message || `reason: ${info.reason}`);
    });
    // three installs its own uncaptured-error handler on the device and forwards here.
    this.renderer.onError = ((info: { message?: string; type?: string }) => {
      events.gpuError(`${info.type ?? 'GPUError'}: ${info.message ?? 'unknown error'}`);
    }) as unknown as WebGPURenderer['onError'];
  }
}

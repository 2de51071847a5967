/**
 * Both views in one canvas, each in its own viewport and scissor rectangle, with what they
 * share: the heat map, the particle buffers and the uniforms the settings drive.
 */

import type { WebGPURenderer } from 'three/webgpu';
import { uniform } from 'three/tsl';
import type { FlowEngine } from '../engine/engine';
import type { ViewSettings } from '../app/settings';
import type { Objective } from '../scene/types';
import { AxesOverlay } from './axes';
import { HeatMap } from './heatmap';
import { layoutViews, type Rect, type ViewRects } from './layout';
import { ParticleBuffers } from './particleBuffers';
import { createParticleUniforms, type ParticleUniforms } from './particleMaterial';
import { SquareView } from './squareView';
import { TorusView } from './torusView';

/** The page's background, also the canvas's clear colour (linear = display values). */
export const BACKGROUND = 0x0b0c10;

export class ViewSet {
  private readonly heat: HeatMap;
  private readonly heatMix = uniform(1);
  private readonly uniforms: ParticleUniforms;
  private readonly square: SquareView;
  private readonly torus: TorusView;
  private readonly axes: AxesOverlay;
  private readonly torusPointer: HTMLElement;
  private buffers: ParticleBuffers | null = null;
  private layout: ViewSettings['layout'];
  private size = { width: 1, height: 1 };
  private rects: ViewRects;
  /** Whether something shown changed since the last render. */
  private dirty = true;

  /**
   * `overlay` is an element laid exactly over the canvas: the axis labels and the element
   * that turns the donut go in it.
   */
  constructor(
    private readonly renderer: WebGPURenderer,
    overlay: HTMLElement,
    settings: ViewSettings,
    objective: Objective,
  ) {
    renderer.autoClear = false;
    renderer.setClearColor(BACKGROUND, 1);
    this.heat = new HeatMap(objective);
    this.uniforms = createParticleUniforms(settings);
    this.square = new SquareView(this.heat.texture, this.heatMix, this.uniforms);
    this.axes = new AxesOverlay(overlay);
    this.torusPointer = document.createElement('div');
    this.torusPointer.className = 'torus-pointer';
    overlay.append(this.torusPointer);
    this.torus = new TorusView(this.heat.texture, this.heatMix, this.uniforms, this.torusPointer);
    this.layout = settings.layout;
    this.rects = layoutViews(this.layout, 1, 1);
    this.applySettings(settings);
  }

  /**
   * Makes room for `count` particles. A new count gets new buffers (hidden until their first
   * copy); the same count only has its starting positions copied again.
   */
  setParticleCount(count: number): void {
    if (this.buffers?.count === count) {
      this.buffers.markReseeded();
      this.dirty = true;
      return;
    }
    this.dirty = true;
    this.buffers?.dispose();
    this.buffers = new ParticleBuffers(count);
    this.uniforms.ready.value = 0;
    this.square.setParticles(this.buffers);
    this.torus.setParticles(this.buffers);
  }

  /** Takes the view settings: uniforms and layout, nothing rebuilt. */
  applySettings(settings: ViewSettings): void {
    this.uniforms.pointSize.value = settings.pointSize;
    this.uniforms.majorRadius.value = settings.majorRadius;
    this.uniforms.minorRadius.value = settings.minorRadius;
    this.torus.fitRadii();
    this.heatMix.value = settings.heatMap ? 1 : 0;
    this.layout = settings.layout;
    this.relayout();
    this.dirty = true;
  }

  /** Recomputes the heat map for a new objective. */
  setObjective(objective: Objective): void {
    this.heat.update(objective);
    this.dirty = true;
  }

  /** Fits the views to a canvas of `width` × `height` CSS pixels. */
  resize(width: number, height: number): void {
    this.size = { width: Math.max(1, width), height: Math.max(1, height) };
    this.renderer.setSize(this.size.width, this.size.height, false);
    this.relayout();
    this.dirty = true;
  }

  /**
   * Whether the next frame must be drawn with the particles where they are: something shown
   * changed, the camera moves, or the particles were never copied yet. A paused, untouched
   * view is not drawn again, which leaves the GPU (and a CPU renderer) idle.
   */
  needsFrame(): boolean {
    const moved = this.torus.updateCamera();
    return this.dirty || moved || this.uniforms.ready.value === 0;
  }

  /** Encodes this frame's GPU-to-GPU copy of the engine's particles into three's buffers. */
  encodeCopy(engine: FlowEngine, encoder: GPUCommandEncoder): void {
    if (this.buffers?.encodeCopy(this.renderer, engine, encoder)) this.uniforms.ready.value = 1;
  }

  /** Clears the canvas and draws every visible view. */
  render(): void {
    this.dirty = false;
    const renderer = this.renderer;
    renderer.setScissorTest(false);
    renderer.setViewport(0, 0, this.size.width, this.size.height);
    renderer.clear();
    renderer.setScissorTest(true);
    if (this.rects.plot !== null) this.square.render(renderer, this.rects.plot);
    if (this.rects.torus !== null) this.torus.render(renderer, this.rects.torus);
  }

  dispose(): void {
    this.square.dispose();
    this.torus.dispose();
    this.axes.dispose();
    this.torusPointer.remove();
    this.heat.dispose();
    this.buffers?.dispose();
    this.buffers = null;
  }

  private relayout(): void {
    this.rects = layoutViews(this.layout, this.size.width, this.size.height);
    this.axes.place(this.rects.plot);
    placeElement(this.torusPointer, this.rects.torus);
  }
}

function placeElement(node: HTMLElement, rect: Rect | null): void {
  node.hidden = rect === null;
  if (rect === null) return;
  Object.assign(node.style, {
    left: `${rect.x}px`,
    top: `${rect.y}px`,
    width: `${rect.width}px`,
    height: `${rect.height}px`,
  });
}

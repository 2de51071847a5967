/**
 * The flat view: the square [0, 2π)² with x (the generator's parameter) horizontal and
 * y (the discriminator's) vertical, F's heat map behind it and faint lines at multiples
 * of π/2. World units are radians, so the orthographic camera spans exactly the square.
 */

import {
  BufferGeometry,
  Float32BufferAttribute,
  LineBasicNodeMaterial,
  LineSegments,
  Mesh,
  MeshBasicNodeMaterial,
  OrthographicCamera,
  PlaneGeometry,
  Scene,
  type Node,
  type Sprite,
  type Texture,
  type UniformNode,
  type WebGPURenderer,
} from 'three/webgpu';
import { mix, texture, uv, vec3 } from 'three/tsl';
import type { Rect } from './layout';
import type { ParticleBuffers } from './particleBuffers';
import type { ParticleUniforms } from './particleMaterial';
import { createParticleSprite, disposeParticleSprite } from './particleSprite';

const TAU = 2 * Math.PI;

/** The plain background colour when the heat map is off. */
export const PLAIN_SURFACE = [0.075, 0.08, 0.1] as const;

export class SquareView {
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(0, TAU, TAU, 0, 0.1, 10);
  private readonly background: Mesh<PlaneGeometry, MeshBasicNodeMaterial>;
  private readonly grid: LineSegments<BufferGeometry, LineBasicNodeMaterial>;
  private particles: Sprite | null = null;

  constructor(
    heat: Texture,
    heatMix: UniformNode<'float'>,
    private readonly uniforms: ParticleUniforms,
  ) {
    this.camera.position.set(0, 0, 5);

    const surface = new MeshBasicNodeMaterial({ depthWrite: false });
    surface.name = 'SquareView.surface';
    surface.colorNode = mix(
      vec3(...PLAIN_SURFACE),
      texture(heat, uv()).rgb,
      heatMix,
    ) as Node<'vec3'>;
    this.background = new Mesh(new PlaneGeometry(TAU, TAU), surface);
    this.background.position.set(Math.PI, Math.PI, 0);
    // Nothing here writes depth: the drawing order alone layers heat map, grid, particles.
    this.background.renderOrder = -2;
    this.scene.add(this.background);

    const lines = new LineBasicNodeMaterial({ depthWrite: false });
    lines.name = 'SquareView.grid';
    lines.colorNode = vec3(0.36, 0.38, 0.45);
    this.grid = new LineSegments(gridGeometry(), lines);
    this.grid.renderOrder = -1;
    this.scene.add(this.grid);
  }

  /** Shows the particles of `buffers`, replacing those shown before. */
  setParticles(buffers: ParticleBuffers): void {
    if (this.particles !== null) disposeParticleSprite(this.particles);
    this.particles = createParticleSprite(buffers, 'square', this.uniforms);
    this.scene.add(this.particles);
  }

  /** Draws the square into `plot` (CSS pixels), which the caller made square. */
  render(renderer: WebGPURenderer, plot: Rect): void {
    renderer.setViewport(plot.x, plot.y, plot.width, plot.height);
    renderer.setScissor(plot.x, plot.y, plot.width, plot.height);
    renderer.render(this.scene, this.camera);
  }

  dispose(): void {
    if (this.particles !== null) disposeParticleSprite(this.particles);
    this.particles = null;
    this.background.geometry.dispose();
    this.background.material.dispose();
    this.grid.geometry.dispose();
    this.grid.material.dispose();
  }
}

/** Lines at x = kπ/2 and y = kπ/2, k = 1, 2, 3: where the tick labels point. */
function gridGeometry(): BufferGeometry {
  const points: number[] = [];
  for (let k = 1; k < 4; k++) {
    const v = (k * Math.PI) / 2;
    points.push(v, 0, 0, v, TAU, 0, 0, v, 0, TAU, v, 0);
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new Float32BufferAttribute(points, 3));
  return geometry;
}

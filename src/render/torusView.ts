/**
 * The torus as a donut: x runs around the big circle, y around the tube. The surface is a
 * grid over [0, 1]² whose vertices the shader places with the same `torus_point` as the
 * particles, so changing a radius is a uniform write. OrbitControls turn the camera.
 */

import {
  DoubleSide,
  Mesh,
  MeshBasicNodeMaterial,
  PerspectiveCamera,
  PlaneGeometry,
  Scene,
  type Node,
  type Sprite,
  type Texture,
  type UniformNode,
  type WebGPURenderer,
} from 'three/webgpu';
import { cameraPosition, mix, texture, uv, vec3, wgslFn } from 'three/tsl';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import type { Rect } from './layout';
import type { ParticleBuffers } from './particleBuffers';
import { torusPoint, type ParticleUniforms } from './particleMaterial';
import { createParticleSprite, disposeParticleSprite } from './particleSprite';
import { PLAIN_SURFACE } from './squareView';

/** Vertical field of view of a wide view, in degrees; a tall view keeps its width instead. */
const FOV = 35;

/** Outer radius R + r of the donut the camera frames: the default R = 1, r = 0.42. */
const FRAMED_RADIUS = 1.42;

/** Segments around the big circle and around the tube. */
const SEGMENTS = { around: 256, tube: 96 } as const;

// Light from the eye: the surface darkens where it turns away from the viewer, which shows
// the donut's shape however the camera is turned. n is the unit normal at (x, y).
const eyeShade = wgslFn(`
fn eye_shade(p: vec2<f32>, point: vec3<f32>, eye: vec3<f32>) -> f32 {
  let q = p - vec2<f32>(3.141592653589793);
  let c = -cos(q);
  let s = -sin(q);
  let n = vec3<f32>(c.y * c.x, c.y * s.x, s.y);
  return 0.3 + 0.7 * abs(dot(n, normalize(eye - point)));
}`);

export class TorusView {
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(FOV, 1, 0.05, 50);
  private readonly controls: OrbitControls;
  private readonly surface: Mesh<PlaneGeometry, MeshBasicNodeMaterial>;
  private particles: Sprite | null = null;

  /** `pointer` receives the mouse and touch events that turn the camera. */
  constructor(
    heat: Texture,
    heatMix: UniformNode<'float'>,
    private readonly uniforms: ParticleUniforms,
    pointer: HTMLElement,
  ) {
    this.camera.up.set(0, 0, 1);
    this.camera.position.set(0, -4.9, 3.9);
    this.controls = new OrbitControls(this.camera, pointer);
    this.controls.enableDamping = true;
    this.controls.minDistance = 1.5;
    this.controls.maxDistance = 12;

    const p = uv().mul(2 * Math.PI);
    const point = torusPoint({ p, major: uniforms.majorRadius, minor: uniforms.minorRadius });
    const material = new MeshBasicNodeMaterial({ side: DoubleSide });
    material.name = 'TorusView.surface';
    material.positionNode = point;
    const base = mix(vec3(...PLAIN_SURFACE).mul(2.2), texture(heat, uv()).rgb, heatMix);
    material.colorNode = base.mul(
      eyeShade({ p, point, eye: cameraPosition }) as Node<'float'>,
    ) as Node<'vec3'>;
    const grid = new PlaneGeometry(1, 1, SEGMENTS.around, SEGMENTS.tube);
    // The vertices' x and y are unused (the shader places them from uv), so three's bounding
    // sphere of the unit plane would be wrong: never cull.
    this.surface = new Mesh(grid, material);
    this.surface.frustumCulled = false;
    this.scene.add(this.surface);
  }

  /** Shows the particles of `buffers`, replacing those shown before. */
  setParticles(buffers: ParticleBuffers): void {
    if (this.particles !== null) disposeParticleSprite(this.particles);
    this.particles = createParticleSprite(buffers, 'torus', this.uniforms);
    this.scene.add(this.particles);
  }

  /** Moves the camera by the controls' pending input; returns whether it moved. */
  updateCamera(): boolean {
    return this.controls.update();
  }

  /**
   * Scales the donut to the radii in the uniforms: the camera frames one of outer radius
   * FRAMED_RADIUS, so that R and r change the donut's shape, not whether it fits.
   */
  fitRadii(): void {
    const outer = this.uniforms.majorRadius.value + this.uniforms.minorRadius.value;
    this.scene.scale.setScalar(FRAMED_RADIUS / outer);
  }

  /** Draws the donut into `rect` (CSS pixels). */
  render(renderer: WebGPURenderer, rect: Rect): void {
    const aspect = rect.width / Math.max(1, rect.height);
    // In a view taller than wide, widen the vertical angle so the donut still fits across.
    const halfHeight = Math.tan((FOV * Math.PI) / 360) / Math.min(1, aspect);
    this.camera.fov = (360 / Math.PI) * Math.atan(halfHeight);
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
    renderer.setViewport(rect.x, rect.y, rect.width, rect.height);
    renderer.setScissor(rect.x, rect.y, rect.width, rect.height);
    renderer.render(this.scene, this.camera);
  }

  dispose(): void {
    if (this.particles !== null) disposeParticleSprite(this.particles);
    this.particles = null;
    this.controls.dispose();
    this.surface.geometry.dispose();
    this.surface.material.dispose();
  }
}

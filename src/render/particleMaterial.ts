/**
 * The particles' material: a PointsNodeMaterial drawn on a Sprite with one instance per
 * particle, so that each particle is a square of a chosen size in pixels (WebGPU's point
 * primitives are one pixel wide). The vertex stage reads the particle's position from
 * three's storage buffer by instanceIndex; the colour is the engine's tested `torus_colour`
 * of the starting point, included verbatim through `wgslFn`.
 */

import {
  PointsNodeMaterial,
  type Node,
  type StorageBufferAttribute,
  type UniformNode,
} from 'three/webgpu';
import { instanceIndex, storage, uniform, wgslFn } from 'three/tsl';
import type { CodeNodeInclude } from 'three/src/nodes/code/CodeNode.js';
import { COLORMAP_SOURCE } from '../engine/shaders';

/** Uniforms both views' particles share; a change is one uniform write, no recompile. */
export interface ParticleUniforms {
  /** Side of a particle's square, in CSS pixels. */
  pointSize: UniformNode<'float'>;
  /** 0 until three's buffers hold particles (three creates them at the first render). */
  ready: UniformNode<'float'>;
  /** Donut radii, in world units. */
  majorRadius: UniformNode<'float'>;
  minorRadius: UniformNode<'float'>;
}

/** How a view places a particle at (x, y) radians. */
export type ParticleMapping = 'square' | 'torus';

/** Lifts the particles off the donut by this fraction of the tube radius, above the surface. */
const LIFT = 1.015;

// 1 for a finite point, 0 for NaN or ±∞: those are the floats with every exponent bit set.
// Comparisons with NaN cannot be trusted to survive shader compilers; the bits can.
const particleFinite = wgslFn(`
fn particle_finite(p: vec2<f32>) -> f32 {
  let exponent = bitcast<vec2<u32>>(p) & vec2<u32>(0x7f800000u);
  return select(0.0, 1.0, all(exponent != vec2<u32>(0x7f800000u)));
}`);

// The square view's world coordinates are the radians themselves. A blown-up particle goes
// to the origin instead of NaN, where its size (0, see sizeNode) hides it.
const squarePoint = wgslFn(
  `
fn square_point(p: vec2<f32>) -> vec3<f32> {
  return select(vec3<f32>(0.0), vec3<f32>(p, 0.5), particle_finite(p) > 0.5);
}`,
  [include(particleFinite)],
);

/**
 * ((R + r cos y) cos x, (R + r cos y) sin x, r sin y): x runs around the big circle, y
 * around the tube. cos v = −cos(v − π) keeps the argument in [−π, π], where WGSL
 * guarantees the accuracy of cos and sin.
 */
export const torusPoint = wgslFn(
  `
fn torus_point(p: vec2<f32>, major: f32, minor: f32) -> vec3<f32> {
  let q = p - vec2<f32>(3.141592653589793);
  let c = -cos(q);
  let s = -sin(q);
  let ring = major + minor * c.y;
  let point = vec3<f32>(ring * c.x, ring * s.x, minor * s.y);
  return select(vec3<f32>(0.0), point, particle_finite(p) > 0.5);
}`,
  [include(particleFinite)],
);

const torusColour = wgslFn(COLORMAP_SOURCE);

/**
 * wgslFn returns a proxy that forwards every property to its FunctionNode, so three accepts
 * it as another function's include at run time; its declared type does not say so.
 */
function include(fn: ReturnType<typeof wgslFn>): CodeNodeInclude {
  return fn as unknown as CodeNodeInclude;
}

/** Fresh uniforms with the given values. */
export function createParticleUniforms(values: {
  pointSize: number;
  majorRadius: number;
  minorRadius: number;
}): ParticleUniforms {
  return {
    pointSize: uniform(values.pointSize),
    ready: uniform(0),
    majorRadius: uniform(values.majorRadius),
    minorRadius: uniform(values.minorRadius),
  };
}

/**
 * A material that draws `count` particles whose positions and starting positions are in
 * the two storage attributes, placed by `mapping`.
 */
export function createParticleMaterial(
  positions: StorageBufferAttribute,
  initial: StorageBufferAttribute,
  mapping: ParticleMapping,
  uniforms: ParticleUniforms,
): PointsNodeMaterial {
  const count = positions.count;
  const p = storage(positions, 'vec2', count).toReadOnly().element(instanceIndex);
  const start = storage(initial, 'vec2', count).toReadOnly().element(instanceIndex);

  const material = new PointsNodeMaterial({ sizeAttenuation: false, depthWrite: false });
  material.name = `ParticleMaterial.${mapping}`;
  material.positionNode =
    mapping === 'square'
      ? squarePoint({ p })
      : torusPoint({
          p,
          major: uniforms.majorRadius,
          minor: uniforms.minorRadius.mul(LIFT),
        });
  material.colorNode = torusColour({ p: start }) as Node<'vec3'>;
  material.sizeNode = uniforms.pointSize
    .mul(uniforms.ready)
    .mul(particleFinite({ p }) as Node<'float'>);
  return material;
}

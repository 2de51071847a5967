/**
 * The float64 reference stepper for the four update rules of DESIGN 2.2. The GPU kernels are
 * checked against it, and the benchmark measures them against it, so it follows the
 * equations literally (θ = n x + m y, Math.sin/cos) and avoids allocating inside its loops.
 *
 * Positions are in radians, kept in [0, 2π). After every single player update (each of the
 * k_D discriminator updates, each generator update) and after each whole RK4 step the
 * changed coordinates are wrapped, and each crossing of the seam is counted per axis, so
 * that 2π·winding + position is the unwrapped coordinate.
 */

import type { Objective, Scene } from '../scene/types';

const TWO_PI = 2 * Math.PI;

/** The objective's modes as flat arrays, read in the inner loop. */
interface Field {
  count: number;
  n: Float64Array;
  m: Float64Array;
  a: Float64Array;
  b: Float64Array;
  /** Scratch output of `grad`: [∂F/∂x, ∂F/∂y]. */
  out: Float64Array;
}

function compile(objective: Objective): Field {
  const { modes } = objective;
  return {
    count: modes.length,
    n: Float64Array.from(modes, (mode) => mode.n),
    m: Float64Array.from(modes, (mode) => mode.m),
    a: Float64Array.from(modes, (mode) => mode.a),
    b: Float64Array.from(modes, (mode) => mode.b),
    out: new Float64Array(2),
  };
}

/** Writes ∇F(x, y) into field.out (DESIGN 2.1: g = −a sin θ + b cos θ). */
function grad(field: Field, x: number, y: number): void {
  const { n, m, a, b } = field;
  let fx = 0;
  let fy = 0;
  for (let k = 0; k < field.count; k++) {
    const theta = n[k] * x + m[k] * y;
    const g = -a[k] * Math.sin(theta) + b[k] * Math.cos(theta);
    fx += n[k] * g;
    fy += m[k] * g;
  }
  field.out[0] = fx;
  field.out[1] = fy;
}

/**
 * The wrapped value of v in [0, 2π) and the number of seams crossed, floor(v / 2π), as
 * DESIGN 2.2 writes it. Rounding can push v − 2π·floor(v/2π) to exactly 2π (v a hair below
 * a multiple of 2π) or a hair below 0 (v/2π rounded up to an integer); both are corrected,
 * so the result is always in [0, 2π) and 2π·crossings + result still equals v.
 */
export function wrapAngle(v: number): { value: number; crossings: number } {
  const w = wrapInto(v, scratch);
  return { value: w, crossings: scratch[0] };
}

const scratch = new Int32Array(1);

/** wrapAngle without allocation: returns the value, writes the crossings into turns[0]. */
function wrapInto(v: number, turns: Int32Array): number {
  let k = Math.floor(v / TWO_PI);
  let w = v - TWO_PI * k;
  if (w < 0) {
    w += TWO_PI;
    k -= 1;
  }
  if (w >= TWO_PI) {
    w = 0;
    k += 1;
  }
  turns[0] = k;
  return w;
}

/**
 * Advances N particles `steps` steps of `scene.rule`, in place. `positions` holds x, y
 * interleaved (radians, length 2N) and `winding` the seam crossings per axis (length 2N,
 * added to, not reset). One step is one generator update plus k_D discriminator updates
 * for the AGD rules, one joint update for "simultaneous", one RK4 step of size dt for "flow".
 */
export function referenceAdvance(
  scene: Scene,
  positions: Float64Array,
  winding: Int32Array,
  steps: number,
): void {
  if (positions.length % 2 !== 0 || winding.length !== positions.length) {
    throw new Error('referenceAdvance: positions and winding must both have length 2N');
  }
  const field = compile(scene.objective);
  const { etaG, etaD, dt } = scene;
  const kD = scene.discriminatorSteps;
  const turns = new Int32Array(1);
  const out = field.out;

  for (let p = 0; p < positions.length; p += 2) {
    let x = positions[p];
    let y = positions[p + 1];
    let wx = winding[p];
    let wy = winding[p + 1];

    switch (scene.rule) {
      case 'agd':
      case 'agd-generator-first': {
        const generatorFirst = scene.rule === 'agd-generator-first';
        for (let s = 0; s < steps; s++) {
          if (generatorFirst) {
            grad(field, x, y);
            x = wrapInto(x - etaG * out[0], turns);
            wx += turns[0];
          }
          for (let r = 0; r < kD; r++) {
            grad(field, x, y);
            y = wrapInto(y + etaD * out[1], turns);
            wy += turns[0];
          }
          if (!generatorFirst) {
            grad(field, x, y);
            x = wrapInto(x - etaG * out[0], turns);
            wx += turns[0];
          }
        }
        break;
      }
      case 'simultaneous':
        for (let s = 0; s < steps; s++) {
          grad(field, x, y);
          const dx = -etaG * out[0];
          const dy = etaD * out[1];
          x = wrapInto(x + dx, turns);
          wx += turns[0];
          y = wrapInto(y + dy, turns);
          wy += turns[0];
        }
        break;
      case 'flow':
        // Classical RK4 of x' = −η_G F_x, y' = η_D F_y. The stage points are not wrapped:
        // the field is periodic, so only the step's end point needs to be.
        for (let s = 0; s < steps; s++) {
          grad(field, x, y);
          const k1x = -etaG * out[0];
          const k1y = etaD * out[1];
          grad(field, x + 0.5 * dt * k1x, y + 0.5 * dt * k1y);
          const k2x = -etaG * out[0];
          const k2y = etaD * out[1];
          grad(field, x + 0.5 * dt * k2x, y + 0.5 * dt * k2y);
          const k3x = -etaG * out[0];
          const k3y = etaD * out[1];
          grad(field, x + dt * k3x, y + dt * k3y);
          const k4x = -etaG * out[0];
          const k4y = etaD * out[1];
          x = wrapInto(x + (dt / 6) * (k1x + 2 * k2x + 2 * k3x + k4x), turns);
          wx += turns[0];
          y = wrapInto(y + (dt / 6) * (k1y + 2 * k2y + 2 * k3y + k4y), turns);
          wy += turns[0];
        }
        break;
    }

    positions[p] = x;
    positions[p + 1] = y;
    winding[p] = wx;
    winding[p + 1] = wy;
  }
}

/** One particle's state: position in [0, 2π)² (radians) and seam crossings per axis. */
export interface ParticleState {
  x: number;
  y: number;
  windingX: number;
  windingY: number;
}

/**
 * One particle from (x, y), advanced `steps` steps; a convenience over `referenceAdvance`.
 * The start need not be wrapped: it is advanced as given, so the result's winding counts
 * the crossings from the given coordinates.
 */
export function referenceTrajectory(
  scene: Scene,
  x: number,
  y: number,
  steps: number,
): ParticleState {
  const positions = Float64Array.of(x, y);
  const winding = new Int32Array(2);
  referenceAdvance(scene, positions, winding, steps);
  return { x: positions[0], y: positions[1], windingX: winding[0], windingY: winding[1] };
}

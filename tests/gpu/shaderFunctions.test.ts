/**
 * The WGSL helper functions on their own: the seam, the engine's sin and cos, and the colour
 * map.
 */

import { describe, expect, test } from 'vitest';
import common from '../../shaders/common.wgsl?raw';
import fourier from '../../shaders/fourier.wgsl?raw';
import { COLORMAP_SOURCE } from '../../src/engine/shaders';
import { evaluateWgsl } from './gpu';

const TAU = 2 * Math.PI;

/** The functions the advance pass shares; its gradient is generated per objective. */
const LIBRARY = common + fourier;
const LOST = 2 ** 23;
const TAU32 = Math.fround(TAU);

/** The 2·count + 1 float32 numbers around fround(v), one bit pattern apart. */
function float32Neighbours(v: number, count: number): number[] {
  const bits = new Int32Array(new Float32Array([v]).buffer)[0]!;
  const patterns = Int32Array.from({ length: 2 * count + 1 }, (_, i) => bits - count + i);
  return Array.from(new Float32Array(patterns.buffer));
}

describe('wrap_angle: a coordinate into [0, 2π), and the seams crossed', () => {
  test('agrees with floor(v / 2π) to rounding, next to the seams and far from them', async () => {
    const below = (v: number) => v - v * 2 ** -24;
    const edges = [0, -0, 1e-30, -1e-30, 1e-7, -1e-7, TAU32, below(TAU32), 3 * TAU32];
    const values = [...edges, ...edges.map((v) => -v), below(LOST), -below(LOST)];
    // The float32 numbers next to the seams k·2π, where rounding lands on 2π or below 0.
    for (let k = -299; k < 300; k += 7) values.push(...float32Neighbours(k * TAU, 8));
    for (let i = 0; i < 4000; i++) values.push(Math.sin(i * 12.9898) * 10 ** ((i % 7) - 1));
    const points = new Float32Array(values.length * 2);
    values.forEach((v, i) => (points[2 * i] = v));
    const results = await evaluateWgsl(
      LIBRARY,
      'vec4<f32>(wrap_angle(p.x).value, f32(wrap_angle(p.x).turns), 0.0, 0.0)',
      points,
    );
    for (let i = 0; i < values.length; i++) {
      const v = points[2 * i]!;
      const [value, turns] = [results[4 * i]!, results[4 * i + 1]!];
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(TAU32);
      // The same point, up to float32's rounding of v, of 2π (once a turn) and of the value.
      const slack = 4 * 2 ** -24 * (Math.abs(v) + TAU);
      expect(Math.abs(TAU * turns + value - v)).toBeLessThanOrEqual(slack);
      // One seam off only where the value sits on the seam.
      const exact = Math.floor(v / TAU);
      if (turns !== exact) {
        expect(Math.abs(turns - exact)).toBe(1);
        expect(Math.min(value, TAU - value)).toBeLessThanOrEqual(slack);
      }
    }
  });

  test('a coordinate thrown past 2²³ radians, or not finite, is NaN with no seams', async () => {
    const values = [LOST, -LOST, 1e30, -1e30, Infinity, -Infinity, NaN];
    const points = new Float32Array(values.flatMap((v) => [v, 0]));
    const results = await evaluateWgsl(
      LIBRARY,
      'vec4<f32>(wrap_angle(p.x).value, f32(wrap_angle(p.x).turns), 0.0, 0.0)',
      points,
    );
    values.forEach((_, i) => {
      expect(results[4 * i]).toBeNaN();
      expect(results[4 * i + 1]).toBe(0);
    });
  });
});

describe('unit_phasor: (cos v, sin v) to float32 accuracy on any driver', () => {
  test('over [−0.5, 2π + 0.5], RK4 stage points included', async () => {
    const count = 1 << 16;
    const points = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) points[2 * i] = -0.5 + ((i + 0.5) / count) * (TAU + 1);
    const results = await evaluateWgsl(LIBRARY, 'vec4<f32>(unit_phasor(p.x), 0.0, 0.0)', points);
    let worst = 0;
    for (let i = 0; i < count; i++) {
      const v = points[2 * i]!;
      worst = Math.max(worst, Math.abs(results[4 * i]! - Math.cos(v)));
      worst = Math.max(worst, Math.abs(results[4 * i + 1]! - Math.sin(v)));
    }
    // float32 rounds values near 1 to 6e-8; a few roundings in the reduction and the series
    // stay under 2e-7. Drivers' built-in sin and cos can be a thousand times worse.
    expect(worst).toBeLessThan(2e-7);
  });
});

describe('torus_colour: the colour of a starting point', () => {
  const side = 128;
  const grid = new Float32Array(side * side * 2);
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      grid.set([(i / side) * TAU, (j / side) * TAU], 2 * (j * side + i));
    }
  }
  const colour = (p: Float32Array<ArrayBuffer>) =>
    evaluateWgsl(COLORMAP_SOURCE, 'vec4<f32>(torus_colour(p), 0.0)', p);

  test('is periodic in x and in y: no seam at 2π', async () => {
    const shifted = grid.map((v, k) => v + (k % 2 === 0 ? TAU : 0));
    const shiftedY = grid.map((v, k) => v + (k % 2 === 1 ? TAU : 0));
    const [base, inX, inY] = await Promise.all([colour(grid), colour(shifted), colour(shiftedY)]);
    let worst = 0;
    for (let k = 0; k < base.length; k++) {
      worst = Math.max(worst, Math.abs(base[k]! - inX[k]!), Math.abs(base[k]! - inY[k]!));
    }
    expect(worst).toBeLessThan(1e-3);

    // Neighbours across the seam get neighbouring colours, as neighbours anywhere do.
    const edge = new Float32Array([TAU - 1e-3, 1, 1e-3, 1, 1, TAU - 1e-3, 1, 1e-3]);
    const c = await colour(edge);
    for (const [a, b] of [
      [0, 4],
      [8, 12],
    ] as const) {
      const jump = Math.hypot(c[a]! - c[b]!, c[a + 1]! - c[b + 1]!, c[a + 2]! - c[b + 2]!);
      expect(jump).toBeLessThan(5e-3);
    }
  });

  test('is a valid colour, and distinct points of the torus get distinct colours', async () => {
    const c = await colour(grid);
    let nearest = Infinity;
    for (let k = 0; k < side * side; k++) {
      for (let channel = 0; channel < 3; channel++) {
        expect(c[4 * k + channel]).toBeGreaterThanOrEqual(0);
        expect(c[4 * k + channel]).toBeLessThanOrEqual(1);
      }
    }
    // Points half a turn apart in x, in y, or both, are far apart in colour.
    for (let j = 0; j < side; j += 8) {
      for (let i = 0; i < side; i += 8) {
        const k = j * side + i;
        for (const other of [
          j * side + ((i + side / 2) % side),
          ((j + side / 2) % side) * side + i,
          ((j + side / 2) % side) * side + ((i + side / 2) % side),
        ]) {
          const d = Math.hypot(
            c[4 * k]! - c[4 * other]!,
            c[4 * k + 1]! - c[4 * other + 1]!,
            c[4 * k + 2]! - c[4 * other + 2]!,
          );
          nearest = Math.min(nearest, d);
        }
      }
    }
    expect(nearest).toBeGreaterThan(0.1);
  });
});

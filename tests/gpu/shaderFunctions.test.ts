/**
 * The WGSL helper functions on their own: the engine's sin and cos, and the colour map.
 */

import { describe, expect, test } from 'vitest';
import common from '../../shaders/common.wgsl?raw';
import fourier from '../../shaders/fourier.wgsl?raw';
import { COLORMAP_SOURCE } from '../../src/engine/shaders';
import { evaluateWgsl } from './gpu';

const TAU = 2 * Math.PI;

/** fourier.wgsl without its gradient, which needs the advance pass's coefficients. */
const PHASOR_LIBRARY = common + fourier.slice(0, fourier.indexOf('// ∇F from the phasors'));

describe('unit_phasor: (cos v, sin v) to float32 accuracy on any driver', () => {
  test('over [−0.5, 2π + 0.5], RK4 stage points included', async () => {
    const count = 1 << 16;
    const points = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) points[2 * i] = -0.5 + ((i + 0.5) / count) * (TAU + 1);
    const results = await evaluateWgsl(
      PHASOR_LIBRARY,
      'vec4<f32>(unit_phasor(p.x), 0.0, 0.0)',
      points,
    );
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

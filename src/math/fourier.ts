/**
 * Float64 evaluation of the objective F(x, y) = c + Σ a cos(n x + m y) + b sin(n x + m y)
 * and its derivatives (DESIGN 2.1). x and y are in radians. This is the reference the GPU's
 * float32 evaluation is checked against, so it uses θ = n x + m y and Math.sin/cos directly
 * rather than the complex recurrence the shaders use.
 */

import type { Objective } from '../scene/types';

/** The gradient ∇F = (∂F/∂x, ∂F/∂y). */
export interface Gradient {
  fx: number;
  fy: number;
}

/** The second derivatives of F; F_yx = F_xy. */
export interface Hessian {
  fxx: number;
  fxy: number;
  fyy: number;
}

/** F at (x, y). */
export function evaluate(objective: Objective, x: number, y: number): number {
  let f = objective.constant;
  for (const { n, m, a, b } of objective.modes) {
    const theta = n * x + m * y;
    f += a * Math.cos(theta) + b * Math.sin(theta);
  }
  return f;
}

/** ∇F at (x, y): per mode g = −a sin θ + b cos θ adds n g to F_x and m g to F_y. */
export function gradient(objective: Objective, x: number, y: number): Gradient {
  let fx = 0;
  let fy = 0;
  for (const { n, m, a, b } of objective.modes) {
    const theta = n * x + m * y;
    const g = -a * Math.sin(theta) + b * Math.cos(theta);
    fx += n * g;
    fy += m * g;
  }
  return { fx, fy };
}

/** The Hessian at (x, y): per mode h = −a cos θ − b sin θ adds n² h, n m h, m² h. */
export function hessian(objective: Objective, x: number, y: number): Hessian {
  let fxx = 0;
  let fxy = 0;
  let fyy = 0;
  for (const { n, m, a, b } of objective.modes) {
    const theta = n * x + m * y;
    const h = -a * Math.cos(theta) - b * Math.sin(theta);
    fxx += n * n * h;
    fxy += n * m * h;
    fyy += m * m * h;
  }
  return { fxx, fxy, fyy };
}

/** F sampled for a heat map, with the range of the samples for its colour scale. */
export interface GridSamples {
  /** width × height values, row-major: the value of cell (i, j) is at j·width + i. */
  values: Float32Array;
  /** Smallest and largest of `values` (after rounding to float32). */
  min: number;
  max: number;
}

/**
 * F on the centres of a width × height grid over the torus: cell (i, j) is at
 * x = (i + ½)·2π/width, y = (j + ½)·2π/height, with i the column (x) and j the row (y).
 * cos(n x + m y) = cos n x cos m y − sin n x sin m y lets each mode cost one table lookup
 * per cell instead of a sin and a cos, which matters for large textures.
 */
export function sampleGrid(objective: Objective, width: number, height: number): GridSamples {
  const values = new Float64Array(width * height).fill(objective.constant);
  const cx = new Float64Array(width);
  const sx = new Float64Array(width);
  const cy = new Float64Array(height);
  const sy = new Float64Array(height);

  for (const { n, m, a, b } of objective.modes) {
    for (let i = 0; i < width; i++) {
      const x = ((i + 0.5) * 2 * Math.PI) / width;
      cx[i] = Math.cos(n * x);
      sx[i] = Math.sin(n * x);
    }
    for (let j = 0; j < height; j++) {
      const y = ((j + 0.5) * 2 * Math.PI) / height;
      cy[j] = Math.cos(m * y);
      sy[j] = Math.sin(m * y);
    }
    for (let j = 0; j < height; j++) {
      const row = j * width;
      for (let i = 0; i < width; i++) {
        const cos = cx[i] * cy[j] - sx[i] * sy[j];
        const sin = sx[i] * cy[j] + cx[i] * sy[j];
        values[row + i] += a * cos + b * sin;
      }
    }
  }

  const out = Float32Array.from(values);
  let min = Infinity;
  let max = -Infinity;
  for (const v of out) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { values: out, min, max };
}

/**
 * Fourier modes of a periodic function from samples (DESIGN 2.4): sample F on a P × P grid
 * over the torus, take its 2-D DFT, and read off the coefficients of the canonical modes up
 * to a chosen order. This is how a real game (gan.ts) becomes a truncated model.
 */

import FFT from 'fft.js';
import type { Mode, Objective } from '../scene/types';

/**
 * Coefficients below this in magnitude are round-off: they are set to 0, and a mode whose
 * a and b are both 0 is dropped.
 */
export const DROP_BELOW = 1e-12;

function keep(coefficient: number): number {
  return Math.abs(coefficient) < DROP_BELOW ? 0 : coefficient;
}

/**
 * The truncated Fourier series of order N of `sample`, from its values at
 * (2πi/P, 2πj/P), i, j = 0 … P−1 (radians).
 *
 * With X[n][m] = Σ_ij F_ij e^{−2πi(n i + m j)/P}, a mode a cos θ + b sin θ contributes
 * P²(a − i b)/2 at (n, m) and P²(a + i b)/2 at (−n, −m), indices mod P. So for a canonical
 * mode a = 2 Re X[n][m] / P², b = −2 Im X[n][m] / P², and the constant is X[0][0] / P².
 * P ≥ 2N + 2 keeps every kept frequency below the Nyquist index P/2, where a mode and its
 * partner would share one bin. Frequencies above P/2 in F alias onto kept ones: choose P
 * well above 2N for a function that is not band-limited.
 */
export function objectiveFromSamples(
  sample: (x: number, y: number) => number,
  gridSize: number,
  order: number,
): Objective {
  const P = gridSize;
  const N = order;
  if (!Number.isInteger(N) || N < 0) {
    throw new RangeError(`objectiveFromSamples: order must be an integer ≥ 0, got ${N}`);
  }
  if (!Number.isInteger(P) || P < 2 || (P & (P - 1)) !== 0 || P < 2 * N + 2) {
    throw new RangeError(
      `objectiveFromSamples: grid size must be a power of two ≥ 2·order + 2, got ${P}`,
    );
  }

  // grid[(i·P + j)·2 + 0/1] = re/im at x index i, y index j.
  const grid = new Float64Array(2 * P * P);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < P; j++) {
      grid[2 * (i * P + j)] = sample((2 * Math.PI * i) / P, (2 * Math.PI * j) / P);
    }
  }

  const fft = new FFT(P);
  const line = new Float64Array(2 * P);
  const spectrum = new Float64Array(2 * P);
  // Along y (j) for each i: the rows are contiguous.
  for (let i = 0; i < P; i++) {
    line.set(grid.subarray(2 * i * P, 2 * (i + 1) * P));
    fft.transform(spectrum, line);
    grid.set(spectrum, 2 * i * P);
  }
  // Along x (i) for each frequency m: a strided column.
  for (let j = 0; j < P; j++) {
    for (let i = 0; i < P; i++) {
      line[2 * i] = grid[2 * (i * P + j)];
      line[2 * i + 1] = grid[2 * (i * P + j) + 1];
    }
    fft.transform(spectrum, line);
    for (let i = 0; i < P; i++) {
      grid[2 * (i * P + j)] = spectrum[2 * i];
      grid[2 * (i * P + j) + 1] = spectrum[2 * i + 1];
    }
  }

  const scale = 2 / (P * P);
  const modes: Mode[] = [];
  for (let n = 0; n <= N; n++) {
    for (let m = n === 0 ? 1 : -N; m <= N; m++) {
      const bin = 2 * (n * P + ((m + P) % P));
      const a = keep(scale * grid[bin]);
      const b = keep(-scale * grid[bin + 1]);
      if (a !== 0 || b !== 0) modes.push({ n, m, a, b });
    }
  }
  return { constant: grid[0] / (P * P), modes };
}

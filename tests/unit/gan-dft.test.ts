import { describe, expect, it } from 'vitest';
import { objectiveFromSamples } from '../../src/math/dft';
import { evaluate } from '../../src/math/fourier';
import {
  discriminatorSlope,
  expectedSoftplus,
  ganObjective,
  generatorScale,
  softplus,
} from '../../src/math/gan';
import type { Objective } from '../../src/scene/types';

/**
 * ∫_0^L f by composite Simpson with `intervals` (even) intervals, compensated (Neumaier)
 * summation keeping the round-off of its many terms below the accuracy under test.
 */
function simpson(f: (t: number) => number, L: number, intervals: number): number {
  const h = L / intervals;
  let sum = 0;
  let carry = 0;
  for (let i = 0; i <= intervals; i++) {
    const w = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
    const term = w * f(i * h);
    const next = sum + term;
    carry += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
  }
  return ((sum + carry) * h) / 3;
}

/** log σ(t), computed plainly (fine for the moderate t used here). */
const logSigmoid = (t: number) => -Math.log(1 + Math.exp(-t));

describe('softplus', () => {
  it('is log(1 + e^t) without overflow or loss', () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(-40)).toBeCloseTo(Math.exp(-40), 30);
    expect(softplus(2)).toBeCloseTo(Math.log(1 + Math.exp(2)), 15);
    expect(softplus(-3)).toBeCloseTo(Math.log(1 + Math.exp(-3)), 15);
  });
});

describe('the exponential-data GAN', () => {
  it('expectedSoftplus agrees with a much finer Simpson rule to 1e-12', () => {
    for (const c of [-3.7, -2, -0.7, 0, 0.01, 0.3, 2, 3.64, 10]) {
      for (const sigma of [0.3, Math.exp(-0.6), 1, Math.exp(0.6)]) {
        // E over w ~ Exp(mean σ) = ∫ e^{−z} softplus(c (σ z − 1)) dz, z to 60 (e^−60 tail).
        const fine = simpson((z) => Math.exp(-z) * softplus(c * (sigma * z - 1)), 60, 600_000);
        expect(Math.abs(expectedSoftplus(c, sigma) - fine)).toBeLessThan(1e-12);
      }
    }
  });

  it('F agrees with a direct quadrature of its definition', () => {
    for (const [x, y] of [
      [1.0, 0.4],
      [4.0, 2.5],
      [2.2, 6.0],
    ]) {
      const s = generatorScale(x);
      const k = discriminatorSlope(y);
      const real = (v: number) => Math.exp(-v) * logSigmoid(k * (v - 1));
      // log(1 − σ(t)) = log σ(−t): the plain form, exact enough, that does not hit log 0.
      const fake = (z: number) => Math.exp(-z) * logSigmoid(-k * (s * z - 1));
      const direct = simpson(real, 60, 200_000) + simpson(fake, 60, 200_000);
      expect(Math.abs(ganObjective(x, y) - direct)).toBeLessThan(1e-10);
    }
  });

  it('is −2 log 2 wherever the discriminator is undecided (k = 0 at y = π/2)', () => {
    for (const x of [0, 1, 2.5, 5]) {
      expect(ganObjective(x, Math.PI / 2)).toBeCloseTo(-2 * Math.LN2, 14);
      expect(ganObjective(x, 1.5 * Math.PI)).toBeCloseTo(-2 * Math.LN2, 13);
    }
  });

  it('is the same for D and its flip when the generator is exact (s = 1 at x = 0, π)', () => {
    // With fakes distributed as the real data, log σ(k u) + log σ(−k u) is even in k.
    for (const y of [0.3, 1.0, 2.0]) {
      expect(ganObjective(0, y)).toBeCloseTo(ganObjective(0, Math.PI - y), 13);
      expect(ganObjective(Math.PI, y)).toBeCloseTo(ganObjective(0, y), 13);
    }
    // Not so when the generator is off: the flipped discriminator scores differently.
    expect(Math.abs(ganObjective(1, 0.3) - ganObjective(1, Math.PI - 0.3))).toBeGreaterThan(0.01);
  });

  it('rewards the discriminator whose direction matches the fakes', () => {
    // x = π/2: fakes have mean e^0.6 > 1, so the flipped D (k < 0, y = π), which calls
    // small samples real, scores higher than the plain one (k > 0, y = 0), which is fooled.
    expect(ganObjective(Math.PI / 2, Math.PI)).toBeGreaterThan(ganObjective(Math.PI / 2, 0) + 1);
    // x = 3π/2: fakes have mean e^−0.6 < 1, and the plain D is the better one.
    expect(ganObjective(1.5 * Math.PI, 0)).toBeGreaterThan(ganObjective(1.5 * Math.PI, Math.PI));
  });

  it('is at most −2 log 2 for any discriminator when the generator is exact', () => {
    // log d + log(1 − d) ≤ −2 log 2, with equality only at d = ½ (k = 0).
    for (const y of [0, 0.5, 1.2, 2.0, 3.0]) {
      expect(ganObjective(0, y)).toBeLessThan(-2 * Math.LN2);
    }
  });
});

describe('objectiveFromSamples', () => {
  const known: Objective = {
    constant: -0.75,
    modes: [
      { n: 0, m: 1, a: 0.3, b: -0.45 },
      { n: 0, m: 3, a: 0, b: 0.2 },
      { n: 1, m: -2, a: -0.6, b: 0.125 },
      { n: 1, m: 0, a: 1.5, b: 0 },
      { n: 2, m: -4, a: 0.05, b: 0.07 },
      { n: 3, m: 1, a: -0.2, b: 0.9 },
      { n: 4, m: 4, a: 0.01, b: -0.03 },
    ],
  };

  it('recovers a series with known coefficients to 1e-12', () => {
    const got = objectiveFromSamples((x, y) => evaluate(known, x, y), 16, 4);
    expect(Math.abs(got.constant - known.constant)).toBeLessThan(1e-12);
    expect(got.modes.map(({ n, m }) => [n, m])).toEqual(known.modes.map(({ n, m }) => [n, m]));
    got.modes.forEach((mode, i) => {
      expect(Math.abs(mode.a - known.modes[i].a)).toBeLessThan(1e-12);
      expect(Math.abs(mode.b - known.modes[i].b)).toBeLessThan(1e-12);
    });
    // A zero coefficient comes back as exactly 0, not round-off.
    expect(got.modes[1].a).toBe(0);
  });

  it('keeps only modes up to the requested order', () => {
    const got = objectiveFromSamples((x, y) => evaluate(known, x, y), 32, 2);
    expect(got.modes.map(({ n, m }) => `${n},${m}`)).toEqual(['0,1', '1,-2', '1,0']);
  });

  it('rejects grids that are not powers of two or too small for the order', () => {
    const f = () => 0;
    expect(() => objectiveFromSamples(f, 12, 2)).toThrow(/power of two/);
    expect(() => objectiveFromSamples(f, 8, 4)).toThrow(/2·order \+ 2/);
    expect(() => objectiveFromSamples(f, 16, 2.5)).toThrow(/order/);
    expect(objectiveFromSamples(f, 8, 3)).toEqual({ constant: 0, modes: [] });
  });

  it('truncations of the GAN approach it off the grid as the order grows', () => {
    const offGrid = [
      [0.37, 1.91],
      [2.71, 4.13],
      [5.55, 0.29],
      [3.3, 3.0],
      [1.234, 5.678],
    ];
    const errors = [2, 4, 8].map((order) => {
      const series = objectiveFromSamples(ganObjective, 64, order);
      return Math.max(
        ...offGrid.map(([x, y]) => Math.abs(evaluate(series, x, y) - ganObjective(x, y))),
      );
    });
    // F is smooth but not analytic in y (as a function of k its expansion at k = 0 diverges,
    // the moments of Exp growing like n!), so the decay is slower than geometric.
    expect(errors[0]).toBeLessThan(0.05);
    expect(errors[1]).toBeLessThan(errors[0] / 2);
    expect(errors[2]).toBeLessThan(errors[1] / 2);
    expect(errors[2]).toBeLessThan(3e-3);
  });
});

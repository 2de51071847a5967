import { describe, expect, it } from 'vitest';
import { evaluate, gradient, hessian, sampleGrid } from '../../src/math/fourier';
import type { Objective } from '../../src/scene/types';

/** sin x sin y = ½ cos(x − y) − ½ cos(x + y). */
const sinSin: Objective = {
  constant: 0,
  modes: [
    { n: 1, m: -1, a: 0.5, b: 0 },
    { n: 1, m: 1, a: -0.5, b: 0 },
  ],
};

const mixed: Objective = {
  constant: 0.7,
  modes: [
    { n: 0, m: 1, a: 0.3, b: -0.4 },
    { n: 1, m: -2, a: -0.25, b: 0.6 },
    { n: 2, m: 3, a: 0.15, b: 0.05 },
    { n: 3, m: -1, a: 0.1, b: -0.2 },
    { n: 1, m: 0, a: 0, b: 0.8 },
  ],
};

const points = [
  [0.3, 1.2],
  [2.9, 5.5],
  [4.4, 0.05],
  [6.2, 3.3],
];

describe('F = sin x sin y', () => {
  it('matches the closed forms of F, ∇F and the Hessian', () => {
    for (const [x, y] of points) {
      expect(evaluate(sinSin, x, y)).toBeCloseTo(Math.sin(x) * Math.sin(y), 15);
      const g = gradient(sinSin, x, y);
      expect(g.fx).toBeCloseTo(Math.cos(x) * Math.sin(y), 15);
      expect(g.fy).toBeCloseTo(Math.sin(x) * Math.cos(y), 15);
      const h = hessian(sinSin, x, y);
      expect(h.fxx).toBeCloseTo(-Math.sin(x) * Math.sin(y), 15);
      expect(h.fxy).toBeCloseTo(Math.cos(x) * Math.cos(y), 15);
      expect(h.fyy).toBeCloseTo(-Math.sin(x) * Math.sin(y), 15);
    }
  });

  it('has a saddle of F at (0, 0): F_xy = 1, F_xx = F_yy = 0', () => {
    const h = hessian(sinSin, 0, 0);
    expect(h.fxy).toBe(1);
    expect(Math.abs(h.fxx) + Math.abs(h.fyy)).toBe(0);
    expect(gradient(sinSin, Math.PI / 2, Math.PI / 2).fx).toBeCloseTo(0, 15);
  });
});

describe('derivatives against central finite differences', () => {
  const h = 1e-5;
  it('∇F is the derivative of F', () => {
    for (const [x, y] of points) {
      const g = gradient(mixed, x, y);
      const dx = (evaluate(mixed, x + h, y) - evaluate(mixed, x - h, y)) / (2 * h);
      const dy = (evaluate(mixed, x, y + h) - evaluate(mixed, x, y - h)) / (2 * h);
      expect(Math.abs(g.fx - dx)).toBeLessThan(1e-8);
      expect(Math.abs(g.fy - dy)).toBeLessThan(1e-8);
    }
  });

  it('the Hessian is the derivative of ∇F', () => {
    for (const [x, y] of points) {
      const H = hessian(mixed, x, y);
      const gxp = gradient(mixed, x + h, y);
      const gxm = gradient(mixed, x - h, y);
      const gyp = gradient(mixed, x, y + h);
      const gym = gradient(mixed, x, y - h);
      expect(Math.abs(H.fxx - (gxp.fx - gxm.fx) / (2 * h))).toBeLessThan(1e-8);
      expect(Math.abs(H.fxy - (gxp.fy - gxm.fy) / (2 * h))).toBeLessThan(1e-8);
      expect(Math.abs(H.fxy - (gyp.fx - gym.fx) / (2 * h))).toBeLessThan(1e-8);
      expect(Math.abs(H.fyy - (gyp.fy - gym.fy) / (2 * h))).toBeLessThan(1e-8);
    }
  });

  it('evaluates a mode with its sine coefficient and the constant', () => {
    const f: Objective = { constant: 2, modes: [{ n: 2, m: -1, a: 0, b: 3 }] };
    expect(evaluate(f, 1, 0.5)).toBeCloseTo(2 + 3 * Math.sin(1.5), 15);
  });
});

describe('sampleGrid', () => {
  it('samples cell centres, row-major with j the row (y)', () => {
    const width = 8;
    const height = 5;
    const f: Objective = {
      constant: 1,
      modes: [
        { n: 1, m: 0, a: 1, b: 0 },
        { n: 0, m: 2, a: 0, b: 0.5 },
      ],
    };
    const { values } = sampleGrid(f, width, height);
    expect(values).toHaveLength(width * height);
    for (let j = 0; j < height; j++) {
      for (let i = 0; i < width; i++) {
        const x = ((i + 0.5) * 2 * Math.PI) / width;
        const y = ((j + 0.5) * 2 * Math.PI) / height;
        const expected = 1 + Math.cos(x) + 0.5 * Math.sin(2 * y);
        expect(Math.abs(values[j * width + i] - expected)).toBeLessThan(1e-6);
      }
    }
  });

  it('agrees with evaluate for a mixed objective and reports the range', () => {
    const { values, min, max } = sampleGrid(mixed, 16, 12);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < 12; j++) {
      for (let i = 0; i < 16; i++) {
        const v = evaluate(mixed, ((i + 0.5) * Math.PI) / 8, ((j + 0.5) * Math.PI) / 6);
        expect(Math.abs(values[j * 16 + i] - v)).toBeLessThan(1e-6);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    expect(Math.abs(min - lo)).toBeLessThan(1e-6);
    expect(Math.abs(max - hi)).toBeLessThan(1e-6);
    expect(min).toBe(Math.min(...values));
    expect(max).toBe(Math.max(...values));
  });

  it('finds the range of sin x sin y on a fine grid near ±1', () => {
    const { min, max } = sampleGrid(sinSin, 256, 256);
    expect(max).toBeGreaterThan(0.9995);
    expect(max).toBeLessThanOrEqual(1);
    expect(min).toBeLessThan(-0.9995);
  });
});

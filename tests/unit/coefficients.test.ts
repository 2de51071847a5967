import { describe, expect, test } from 'vitest';
import { packCoefficients } from '../../src/engine/engine';
import { gradientSource } from '../../src/engine/gradientSource';
import { MAX_WEIGHTS, weightIndex } from '../../src/engine/layout';
import { gradient } from '../../src/math/fourier';
import { presetById } from '../../src/scene/presets';
import { DEFAULT_SCENE, type Objective } from '../../src/scene/types';

/** ∇F from the packed weights, in float64, as the generated WGSL sums them. */
function gradientFromWeights(data: Float32Array, order: number, x: number, y: number) {
  const sum = [0, 0];
  for (let n = 0; n <= order; n++) {
    for (let k = 0; k <= order; k++) {
      const [C, S, c, s] = [Math.cos(n * x), Math.sin(n * x), Math.cos(k * y), Math.sin(k * y)];
      const products = [C * c, C * s, S * c, S * s];
      for (const axis of [0, 1] as const) {
        const entry = 4 * weightIndex(n, k, order, axis);
        products.forEach((p, j) => (sum[axis]! += data[entry + j]! * p));
      }
    }
  }
  return { fx: sum[0]!, fy: sum[1]! };
}

const MIXED: Objective = {
  constant: 3,
  modes: [
    { n: 0, m: 2, a: 0.5, b: -1 },
    { n: 1, m: -2, a: 2, b: 3 },
    { n: 1, m: 2, a: -0.75, b: 0.5 },
    { n: 2, m: 0, a: 0.25, b: 1.5 },
    { n: 2, m: 1, a: -1, b: 0.25 },
  ],
};

describe('packCoefficients: the weights the advance pass reads', () => {
  test('summed against the products of e^{inx} and e^{iky}, they give ∇F', () => {
    const { data, order } = packCoefficients(MIXED);
    expect(order).toBe(2);
    expect(data.length).toBe(4 * MAX_WEIGHTS);
    for (let i = 0; i < 50; i++) {
      const [x, y] = [0.37 + 0.71 * i, 2.1 - 0.53 * i];
      const packed = gradientFromWeights(data, order, x, y);
      const expected = gradient(MIXED, x, y);
      expect(packed.fx).toBeCloseTo(expected.fx, 12);
      expect(packed.fy).toBeCloseTo(expected.fy, 12);
    }
  });

  test('modes (n, k) and (n, −k) share a pair; n = 0 has no x weight, m = 0 no y weight', () => {
    const { data, order } = packCoefficients(MIXED);
    const weights = (n: number, k: number, axis: 0 | 1) => {
      const entry = 4 * weightIndex(n, k, order, axis);
      return Array.from(data.slice(entry, entry + 4));
    };
    // (1, −2, a 2, b 3) and (1, 2, a −0.75, b 0.5): slopes (b, −σa, −a, −σb), by n and by m.
    expect(weights(1, 2, 0)).toEqual([3 + 0.5, 2 + 0.75, -2 + 0.75, 3 - 0.5]);
    expect(weights(1, 2, 1)).toEqual([-6 + 1, -4 + 1.5, 4 + 1.5, -6 - 1]);
    expect(weights(0, 2, 0)).toEqual([0, 0, 0, 0]);
    expect(weights(0, 2, 1)).toEqual([-2, -1, -1, 2]);
    const nonZero = Array.from(data).filter((v) => v !== 0).length;
    // (0, 2): ∂F/∂y only; (1, 2) and (2, 1): both; (2, 0): ∂F/∂x only.
    expect(nonZero).toBe(4 + 8 + 8 + 4);
  });

  test('the default scene is of order 1; a constant objective of order 0', () => {
    expect(packCoefficients(DEFAULT_SCENE.objective).order).toBe(1);
    const flat = packCoefficients({ constant: 1, modes: [] });
    expect(flat.order).toBe(0);
    expect(flat.data.every((v) => v === 0)).toBe(true);
  });

  test('modes that are not canonical are refused rather than evaluated wrongly', () => {
    expect(() => packCoefficients({ constant: 0, modes: [{ n: -1, m: 0, a: 1, b: 0 }] })).toThrow(
      /not canonical/,
    );
    expect(() => packCoefficients({ constant: 0, modes: [{ n: 9, m: 0, a: 1, b: 0 }] })).toThrow(
      /order 9/,
    );
  });
});

describe('gradientSource: the gradient written out for one order', () => {
  const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

  test('reads each weight vector of every pair but (0, 0), once', () => {
    for (const order of [1, 4, 8]) {
      const reads = gradientSource(order).match(/coefficients\[\d+\]/g) ?? [];
      const pairs = (order + 1) ** 2 - 1;
      expect(reads.length).toBe(4 * pairs - 4 * order);
      expect(new Set(reads).size).toBe(2 * pairs);
    }
  });

  test('with the weights given, writes only the non-zero ones, as exact float32 constants', () => {
    const { data, order } = packCoefficients({
      constant: 0,
      modes: [{ n: 1, m: -1, a: 0.1, b: 0 }],
    });
    const source = gradientSource(order, data);
    expect(count(source, /coefficients\[/g)).toBe(0);
    // ∂/∂x of 0.1 cos(x − y) = −0.1 sin(x − y) = −0.1 (S c − C s); ∂/∂y is its negative.
    expect(source).toContain(
      'let along_x = 0.100000001 * ex.x * ey.y\n    - 0.100000001 * ex.y * ey.x;',
    );
    expect(source).toContain(
      'let along_y = -0.100000001 * ex.x * ey.y\n    + 0.100000001 * ex.y * ey.x;',
    );
    expect(Math.fround(0.100000001)).toBe(Math.fround(0.1));
  });

  test('the spiral reduces to two products per partial', () => {
    // F = sin x sin y + 0.1 (cos y − cos x): ∂F/∂x = cos x sin y + 0.1 sin x.
    const { data, order } = packCoefficients(presetById('spiral')!.build().objective);
    const source = gradientSource(order, data);
    expect(count(source, /complex_mul/g)).toBe(0);
    expect(source).toContain('let along_x = 0.100000001 * ex.y\n    + ex.x * ey.y;');
    expect(source).toContain('let along_y = -0.100000001 * ey.y\n    + ex.y * ey.x;');
  });
});

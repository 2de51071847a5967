import { describe, expect, test } from 'vitest';
import { packCoefficients } from '../../src/engine/engine';
import { gradientSource } from '../../src/engine/gradientSource';
import { MAX_TERMS } from '../../src/engine/layout';
import { DEFAULT_SCENE } from '../../src/scene/types';

describe('packCoefficients: the dense grid the advance pass reads', () => {
  test('each mode lands on row n, column m + order, as (n a, n b, m a, m b)', () => {
    const { data, order } = packCoefficients({
      constant: 3,
      modes: [
        { n: 0, m: 2, a: 0.5, b: -1 },
        { n: 1, m: -2, a: 2, b: 3 },
        { n: 2, m: 1, a: -1, b: 0.25 },
      ],
    });
    expect(order).toBe(2);
    expect(data.length).toBe(4 * MAX_TERMS);
    const entry = (n: number, m: number) =>
      Array.from(data.slice(4 * (n * 5 + m + 2), 4 * (n * 5 + m + 3)));
    expect(entry(0, 2)).toEqual([0, 0, 1, -2]);
    expect(entry(1, -2)).toEqual([2, 3, -4, -6]);
    expect(entry(2, 1)).toEqual([-2, 0.5, -1, 0.25]);
    const nonZero = Array.from(data).filter((v) => v !== 0).length;
    expect(nonZero).toBe(10);
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

  test('reads each grid entry a canonical mode can fill, once', () => {
    // Order 1: (0, 1) and (1, −1), (1, 0), (1, 1); (0, −1) and (0, 0) never hold a mode.
    expect(count(gradientSource(1), /coefficients\[\d+\]/g)).toBe(4);
    expect(count(gradientSource(8), /coefficients\[\d+\]/g)).toBe(MAX_TERMS - 9);
  });

  test('with the values given, writes the non-zero entries as exact float32 constants', () => {
    const { data, order } = packCoefficients({
      constant: 0,
      modes: [{ n: 1, m: -1, a: 0.1, b: 0 }],
    });
    const source = gradientSource(order, data);
    expect(count(source, /coefficients\[/g)).toBe(0);
    const literals = source.match(/vec4<f32>\(([^)]*)\)/g) ?? [];
    expect(literals).toEqual(['vec4<f32>(0.100000001, 0.00000000, -0.100000001, 0.00000000)']);
    expect(Math.fround(0.100000001)).toBe(Math.fround(0.1));
  });
});

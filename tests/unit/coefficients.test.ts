import { describe, expect, test } from 'vitest';
import { packCoefficients } from '../../src/engine/engine';
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

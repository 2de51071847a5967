import { describe, expect, test } from 'vitest';
import {
  ParticleLimitError,
  checkParticleCount,
  dispatchGrid,
  maxParticles,
} from '../../src/engine/limits';

const DEFAULT_LIMITS = {
  maxStorageBufferBindingSize: 134_217_728,
  maxBufferSize: 268_435_456,
} as GPUSupportedLimits;

describe('particle limits', () => {
  test('the default 128 MiB binding holds 16 Mi particles of 8 bytes, less a spare 256 B', () => {
    expect(maxParticles(DEFAULT_LIMITS)).toBe(16_777_184);
    expect(() => checkParticleCount(16_777_184, DEFAULT_LIMITS)).not.toThrow();
  });

  test('one more is refused, naming the limit that binds and the most that fit', () => {
    expect(() => checkParticleCount(16_777_185, DEFAULT_LIMITS)).toThrow(ParticleLimitError);
    expect(() => checkParticleCount(16_777_217, DEFAULT_LIMITS)).toThrow(
      "16777217 particles need 134217736 bytes per position buffer, but this device's " +
        'maxStorageBufferBindingSize is 134217728 bytes, 256 of them kept spare: at most ' +
        '16777184 particles fit.',
    );
    const smallBuffers = { maxStorageBufferBindingSize: 1 << 30, maxBufferSize: 1 << 20 };
    expect(() => checkParticleCount(200_000, smallBuffers as GPUSupportedLimits)).toThrow(
      /maxBufferSize is 1048576 bytes, 256 of them kept spare: at most 131040 particles fit/,
    );
  });
});

describe('dispatch grid', () => {
  test('one row while the workgroups fit', () => {
    expect(dispatchGrid(1, 64, 65_535)).toEqual({ x: 1, y: 1, rowStride: 64 });
    expect(dispatchGrid(65_535 * 64, 64, 65_535)).toEqual({
      x: 65_535,
      y: 1,
      rowStride: 4_194_240,
    });
  });

  test('a second row from workgroup 65,536 on; rows cover every particle', () => {
    const grid = dispatchGrid(65_535 * 64 + 1, 64, 65_535);
    expect(grid).toEqual({ x: 65_535, y: 2, rowStride: 4_194_240 });
    const count = 100_000_000;
    const big = dispatchGrid(count, 64, 65_535);
    expect(big.x * big.y * 64).toBeGreaterThanOrEqual(count);
    expect((big.y - 1) * big.rowStride).toBeLessThan(count);
  });

  test('a grid beyond the limit in both dimensions is refused', () => {
    expect(() => dispatchGrid(17 * 17 * 64 + 1, 64, 16)).toThrow(ParticleLimitError);
  });
});

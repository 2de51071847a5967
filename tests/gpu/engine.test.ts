/**
 * The engine's bookkeeping: seeding, splitting work into dispatches, blow-up detection, the
 * particle limit and the 2-D dispatch grid.
 */

import { describe, expect, test } from 'vitest';
import { FlowEngine } from '../../src/engine/engine';
import { ParticleLimitError, maxParticles } from '../../src/engine/limits';
import { WORKGROUP_SIZE } from '../../src/engine/layout';
import { referenceAdvance } from '../../src/math/reference';
import { maxDifference, nodeGpu, sceneWith, withEngine } from './gpu';

const TAU = 2 * Math.PI;

describe('seeding', () => {
  test('the same seed gives the same bytes; another seed, other positions', async () => {
    const read = (seed: number) =>
      withEngine(sceneWith({ particles: 10_000, seed }), (engine) => engine.readInitial());
    const [a, b, c] = await Promise.all([read(5), read(5), read(6)]);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === c[i]) same++;
    expect(same).toBeLessThan(10);
  });

  test('uniform: every cell of an 8 × 8 grid gets its share, no position repeats', async () => {
    const particles = 1 << 20;
    const initial = await withEngine(sceneWith({ particles, seed: 3 }), (engine) =>
      engine.readInitial(),
    );
    const cells = new Float64Array(64);
    let outside = 0;
    for (let i = 0; i < initial.length; i += 2) {
      const [x, y] = [initial[i]!, initial[i + 1]!];
      if (!(x >= 0 && x < TAU && y >= 0 && y < TAU)) outside++;
      cells[Math.floor((x / TAU) * 8) * 8 + Math.floor((y / TAU) * 8)]!++;
    }
    expect(outside).toBe(0);
    // Binomial counts: expected n/64 = 16384, standard deviation 127; 6σ is 760.
    for (const count of cells) expect(Math.abs(count - particles / 64)).toBeLessThan(760);

    // A float hash repeats past about a million particles; the integer hash does not. With
    // 2⁴⁸ possible points, a million draws collide about twice.
    const bits = new Uint32Array(initial.buffer);
    const keys = new BigUint64Array(particles);
    for (let i = 0; i < particles; i++) {
      keys[i] = (BigInt(bits[2 * i]!) << 32n) | BigInt(bits[2 * i + 1]!);
    }
    keys.sort();
    let repeats = 0;
    for (let i = 1; i < particles; i++) if (keys[i] === keys[i - 1]) repeats++;
    expect(repeats).toBeLessThan(20);
  });

  test('disk: inside the disk, across the seam, with uniform density', async () => {
    const scene = sceneWith({
      particles: 40_000,
      start: { kind: 'disk', center: [0.1, 6.2], radius: 0.5 },
    });
    const initial = await withEngine(scene, (engine) => engine.readInitial());
    let inner = 0;
    let wrapped = 0;
    for (let i = 0; i < initial.length; i += 2) {
      const dx = Math.abs(initial[i]! - 0.1);
      const dy = Math.abs(initial[i + 1]! - 6.2);
      const r = Math.hypot(Math.min(dx, TAU - dx), Math.min(dy, TAU - dy));
      expect(r).toBeLessThan(0.5 + 1e-5);
      if (r < 0.5 / Math.SQRT2) inner++;
      if (initial[i]! > Math.PI || initial[i + 1]! < Math.PI) wrapped++;
    }
    // Half the area lies within r/√2; the disk straddles both seams.
    expect(Math.abs(inner / 20_000 - 1)).toBeLessThan(0.03);
    expect(wrapped).toBeGreaterThan(10_000);
  });

  test('grid: cell centres, particle i on cell i mod (w·h)', async () => {
    const scene = sceneWith({ particles: 30, start: { kind: 'grid', size: [4, 3] } });
    const initial = await withEngine(scene, (engine) => engine.readInitial());
    for (let i = 0; i < 30; i++) {
      const cell = i % 12;
      expect(initial[2 * i]).toBeCloseTo((((cell % 4) + 0.5) * TAU) / 4, 6);
      expect(initial[2 * i + 1]).toBeCloseTo(((Math.floor(cell / 4) + 0.5) * TAU) / 3, 6);
    }
  });
});

describe('advancing', () => {
  test('the split into dispatches does not change a single bit', async () => {
    const scene = sceneWith({ particles: 5000, rule: 'agd', discriminatorSteps: 2 });
    const run = (perDispatch: number) =>
      withEngine(scene, async (engine) => {
        engine.advance(50, perDispatch);
        return [await engine.readPositions(), await engine.readWinding()] as const;
      });
    const [whole, pieces] = [await run(50), await run(7)];
    expect(Buffer.from(whole[0].buffer).equals(Buffer.from(pieces[0].buffer))).toBe(true);
    expect(Buffer.from(whole[1].buffer).equals(Buffer.from(pieces[1].buffer))).toBe(true);
  });

  test('new dynamics act on the particles where they are; a reseed puts them back', async () => {
    const scene = sceneWith({ particles: 2000, rule: 'simultaneous' });
    await withEngine(scene, async (engine) => {
      const initial = await engine.readInitial();
      engine.advance(10);
      const before = await engine.readPositions();
      const faster = { ...scene, etaG: 0.2, etaD: 0.2 };
      engine.setDynamics(faster);
      engine.advance(3);
      const after = await engine.readPositions();

      const expected = Float64Array.from(before);
      referenceAdvance(faster, expected, new Int32Array(expected.length), 3);
      const circular = Float64Array.from(after, (v, i) => {
        const d = Math.abs(v - expected[i]!);
        return Math.min(d, TAU - d);
      });
      expect(maxDifference(circular, new Float64Array(circular.length))).toBeLessThan(1e-4);

      engine.reseed(scene);
      expect(await engine.readPositions()).toEqual(initial);
      expect((await engine.readWinding()).every((w) => w === 0)).toBe(true);
    });
  });

  test('particles thrown to ∞, or too far for float32, are counted once each', async () => {
    const scene = sceneWith({ particles: 3000, etaG: 1e30, etaD: 1e30 });
    await withEngine(scene, async (engine) => {
      expect(await engine.readNonFiniteCount()).toBe(0);
      engine.advance(5);
      expect(await engine.readNonFiniteCount()).toBe(3000);
      engine.advance(5);
      expect(await engine.readNonFiniteCount()).toBe(3000);
      expect((await engine.readPositions()).every(Number.isNaN)).toBe(true);
      engine.reseed(scene);
      expect(await engine.readNonFiniteCount()).toBe(0);

      const infinite = sceneWith({ ...scene, etaG: 3e38, etaD: 3e38 });
      engine.setDynamics(infinite);
      engine.advance(1);
      expect(await engine.readNonFiniteCount()).toBe(3000);
    });
  });
});

describe('limits', () => {
  test('a count beyond the device is refused, naming the limit', async () => {
    const { device } = await nodeGpu();
    const most = maxParticles(device.limits);
    const scene = sceneWith({ particles: most + 1 });
    expect(() => new FlowEngine(device, scene)).toThrow(ParticleLimitError);
    expect(() => new FlowEngine(device, scene)).toThrow(
      /maxStorageBufferBindingSize|maxBufferSize/,
    );

    await withEngine(sceneWith({ particles: 100 }), async (engine) => {
      expect(() => engine.reseed(scene)).toThrow(`at most ${most} particles fit`);
      // The engine keeps its particles and goes on working.
      expect(engine.count).toBe(100);
      engine.advance(1);
      expect((await engine.readPositions()).length).toBe(200);
    });
  });

  test('past 65,535 workgroups the grid gains a row, and the last particle moves', async () => {
    const { device } = await nodeGpu();
    const perRow = device.limits.maxComputeWorkgroupsPerDimension * WORKGROUP_SIZE;
    const particles = perRow + 1000;
    const scene = sceneWith({ particles, rule: 'flow', etaG: 1, etaD: 1, dt: 0.1 });
    await withEngine(scene, async (engine) => {
      const initial = await engine.readInitial();
      engine.advance(2);
      const positions = await engine.readPositions();
      const tail = initial.slice(-2000);
      const expected = Float64Array.from(tail);
      referenceAdvance(scene, expected, new Int32Array(expected.length), 2);
      const moved = positions.slice(-2000);
      const circular = Float64Array.from(moved, (v, i) => {
        const d = Math.abs(v - expected[i]!);
        return Math.min(d, TAU - d);
      });
      expect(maxDifference(circular, new Float64Array(circular.length))).toBeLessThan(1e-5);
      expect(maxDifference(moved, tail)).toBeGreaterThan(1e-2);
      // The tail's positions are seeded too: the second row ran the seed pass as well.
      expect(new Set(tail).size).toBeGreaterThan(1900);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/math/fourier';
import { ganObjective } from '../../src/math/gan';
import { parseScene } from '../../src/scene/parse';
import { PRESETS, presetById } from '../../src/scene/presets';
import { DEFAULT_SCENE } from '../../src/scene/types';

describe('presets', () => {
  it('have unique ids and are found by id', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(ids).toEqual(['centers', 'spiral', 'single-mode', 'random-order-3', 'gan-exponential']);
    for (const preset of PRESETS) expect(presetById(preset.id)).toBe(preset);
    expect(presetById('nope')).toBeUndefined();
  });

  it('each parses through parseScene unchanged', () => {
    for (const preset of PRESETS) {
      const scene = preset.build();
      expect(parseScene(JSON.parse(JSON.stringify(scene)))).toEqual(scene);
    }
    for (const seed of [0, 7, 2 ** 32 - 1]) {
      const scene = presetById('random-order-3')!.build({ seed });
      expect(parseScene(scene)).toEqual(scene);
    }
    for (const order of [1, 8]) {
      const scene = presetById('gan-exponential')!.build({ order });
      expect(parseScene(scene)).toEqual(scene);
    }
  });

  it('builds a fresh scene each time', () => {
    const a = presetById('centers')!.build();
    a.objective.modes[0].a = 5;
    expect(presetById('centers')!.build().objective.modes[0].a).toBe(0.5);
  });

  it('centers is F = sin x sin y under the flow', () => {
    const scene = presetById('centers')!.build();
    expect(scene.rule).toBe('flow');
    expect(scene.dt).toBe(0.05);
    for (const [x, y] of [
      [0.3, 2.0],
      [4.0, 1.1],
    ]) {
      expect(evaluate(scene.objective, x, y)).toBeCloseTo(Math.sin(x) * Math.sin(y), 15);
    }
  });

  it('spiral is the default objective under AGD', () => {
    const scene = presetById('spiral')!.build();
    expect(scene.rule).toBe('agd');
    for (const [x, y] of [
      [0.3, 2.0],
      [4.0, 1.1],
    ]) {
      const expected = Math.sin(x) * Math.sin(y) + 0.1 * (Math.cos(y) - Math.cos(x));
      expect(evaluate(scene.objective, x, y)).toBeCloseTo(expected, 15);
      expect(evaluate(scene.objective, x, y)).toBeCloseTo(
        evaluate(DEFAULT_SCENE.objective, x, y),
        15,
      );
    }
  });

  it('single-mode is cos(2x + y)', () => {
    const scene = presetById('single-mode')!.build();
    expect(scene.objective).toEqual({ constant: 0, modes: [{ n: 2, m: 1, a: 1, b: 0 }] });
    expect(scene.rule).toBe('flow');
  });

  it('random-order-3 is deterministic in its seed, order 3, decaying with order', () => {
    const preset = presetById('random-order-3')!;
    const a = preset.build({ seed: 12 });
    expect(preset.build({ seed: 12 })).toEqual(a);
    expect(preset.build({ seed: 13 }).objective).not.toEqual(a.objective);
    expect(preset.build()).toEqual(preset.build({ seed: 1 }));
    expect(a.objective.modes).toHaveLength(24);
    const order = (n: number, m: number) => Math.max(Math.abs(n), Math.abs(m));
    expect(Math.max(...a.objective.modes.map(({ n, m }) => order(n, m)))).toBe(3);
    // Mean square amplitude per order over many seeds falls like 1/order⁴.
    const power = [0, 0, 0, 0];
    const count = [0, 0, 0, 0];
    for (let seed = 0; seed < 200; seed++) {
      for (const { n, m, a: ca, b: cb } of preset.build({ seed }).objective.modes) {
        power[order(n, m)] += ca * ca + cb * cb;
        count[order(n, m)] += 1;
      }
    }
    const mean = power.map((p, k) => p / count[k]);
    // E(a² + b²) = 2 (0.5 / k²)² = 0.5 / k⁴: 0.5, 0.03125, 0.00617.
    expect(mean[1]).toBeGreaterThan(0.4);
    expect(mean[1]).toBeLessThan(0.6);
    expect(mean[2] / mean[1]).toBeGreaterThan(1 / 16 / 1.3);
    expect(mean[2] / mean[1]).toBeLessThan((1 / 16) * 1.3);
    expect(() => preset.build({ seed: -1 })).toThrow(RangeError);
    expect(() => preset.build({ seed: 1.5 })).toThrow(RangeError);
  });

  it('gan-exponential truncates the GAN at the chosen order', () => {
    const preset = presetById('gan-exponential')!;
    const order2 = preset.build({ order: 2 });
    expect(order2.rule).toBe('agd');
    expect(
      Math.max(...order2.objective.modes.map(({ n, m }) => Math.max(Math.abs(n), Math.abs(m)))),
    ).toBe(2);
    expect(preset.build()).toEqual(preset.build({ order: 4 }));
    // The undecided discriminator (y = π/2) makes F = −2 log 2 whatever x; the order-8
    // series is within its truncation error there.
    const order8 = preset.build({ order: 8 });
    expect(evaluate(order8.objective, 1.0, Math.PI / 2)).toBeCloseTo(
      ganObjective(1.0, Math.PI / 2),
      2,
    );
    expect(() => preset.build({ order: 0 })).toThrow(RangeError);
    expect(() => preset.build({ order: 9 })).toThrow(RangeError);
  });
});

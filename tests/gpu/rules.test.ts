/**
 * Each update rule on the GPU against the float64 reference, from the same float32 starting
 * points, over a few steps. The engine computes sin and cos itself to ~1e-7 (see the phasor
 * test), so one step's error is float32 rounding: a few ulps of 2π, under 1e-6. Near the
 * objective's saddles the maps at these step sizes stretch errors several-fold per step;
 * after STEPS steps the worst particle stays under TOLERANCE and the typical one under
 * TYPICAL. A wrong formula, sign or update order is off by ~η·|∇F| ≈ 1e-2.
 */

import { describe, expect, test } from 'vitest';
import type { FlowEngine } from '../../src/engine/engine';
import { referenceAdvance } from '../../src/math/reference';
import { MAX_ORDER, RULES, type Mode, type Rule } from '../../src/scene/types';
import { maxDifference, medianDifference, sceneWith, unwrap, withEngine } from './gpu';

const STEPS = 4;
const TOLERANCE = 1e-4;
const TYPICAL = 1e-6;
const PARTICLES = 4096;

/** An order-3 objective touching every branch of the recurrence: n = 0, m < 0, b ≠ 0. */
const MODES: Mode[] = [
  { n: 0, m: 1, a: 0.3, b: -0.2 },
  { n: 0, m: 3, a: 0.05, b: 0.1 },
  { n: 1, m: -2, a: 0.4, b: 0.25 },
  { n: 1, m: 0, a: -0.35, b: 0.1 },
  { n: 1, m: 1, a: -0.5, b: 0 },
  { n: 2, m: -1, a: 0.15, b: -0.3 },
  { n: 3, m: 2, a: -0.1, b: 0.12 },
];

function sceneFor(rule: Rule) {
  return sceneWith({
    objective: { constant: 0.7, modes: MODES },
    rule,
    etaG: 0.09,
    etaD: 0.13,
    discriminatorSteps: 3,
    dt: 0.11,
    particles: PARTICLES,
    seed: 20261203,
  });
}

describe('GPU rules agree with the float64 reference', () => {
  for (const fixedObjective of [false, true]) {
    const coefficients = fixedObjective ? 'constants in the shader' : 'from the uniform';
    for (const rule of RULES) {
      test(`${rule}, coefficients ${coefficients}`, async () => {
        const scene = sceneFor(rule);
        const body = async (engine: FlowEngine) => {
          const initial = await engine.readInitial();
          engine.advance(STEPS, 5);
          const gpu = unwrap(await engine.readPositions(), await engine.readWinding());

          const positions = Float64Array.from(initial);
          const winding = new Int32Array(positions.length);
          referenceAdvance(scene, positions, winding, STEPS);
          const reference = unwrap(positions, winding);

          expect(maxDifference(gpu, reference)).toBeLessThan(TOLERANCE);
          expect(medianDifference(gpu, reference)).toBeLessThan(TYPICAL);
          // Every particle moved: the comparison is not between two standing ensembles.
          const moved = maxDifference(gpu, unwrap(initial, new Int32Array(initial.length)));
          expect(moved).toBeGreaterThan(0.05);
        };
        await withEngine(scene, body, { fixedObjective });
      });
    }
  }

  test('the rules differ from one another on the same objective', async () => {
    const results = new Map<Rule, Float64Array>();
    for (const rule of RULES) {
      await withEngine(sceneFor(rule), async (engine) => {
        engine.advance(STEPS);
        results.set(rule, unwrap(await engine.readPositions(), await engine.readWinding()));
      });
    }
    for (const a of RULES) {
      for (const b of RULES) {
        if (a < b) expect(maxDifference(results.get(a)!, results.get(b)!)).toBeGreaterThan(1e-2);
      }
    }
  });
});

describe('objectives of every order the engine evaluates', () => {
  test('orders 0 to 8, every mode present, both ways of reading coefficients', async () => {
    for (let order = 0; order <= MAX_ORDER; order++) {
      const modes: Mode[] = [];
      for (let n = 0; n <= order; n++) {
        for (let m = -order; m <= order; m++) {
          if (n === 0 && m <= 0) continue;
          if (Math.max(n, Math.abs(m)) !== order && (n + m) % 2 === 0) continue;
          // Amplitudes fall with the order, as a smooth objective's do.
          const scale = 0.3 / (1 + n * n + m * m);
          modes.push({ n, m, a: scale * Math.cos(7 * n + 3 * m), b: scale * Math.sin(5 * n - m) });
        }
      }
      const scene = sceneWith({
        objective: { constant: 0, modes },
        rule: 'simultaneous',
        etaG: 0.1,
        etaD: 0.1,
        particles: 1024,
        seed: order,
      });
      for (const fixedObjective of [false, true]) {
        const body = async (engine: FlowEngine) => {
          const initial = await engine.readInitial();
          engine.advance(2);
          const gpu = unwrap(await engine.readPositions(), await engine.readWinding());
          const positions = Float64Array.from(initial);
          const winding = new Int32Array(positions.length);
          referenceAdvance(scene, positions, winding, 2);
          // Order-8 terms multiply ~24 phasors, each rounding to 6e-8.
          expect(maxDifference(gpu, unwrap(positions, winding))).toBeLessThan(1e-5);
          const moved = maxDifference(gpu, unwrap(initial, new Int32Array(initial.length)));
          if (order === 0) expect(moved).toBe(0);
          else expect(moved).toBeGreaterThan(1e-3);
        };
        await withEngine(scene, body, { fixedObjective });
      }
    }
  });
});

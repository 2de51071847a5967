/**
 * The engine against the known cases of DESIGN 2.3, where the exact answer is a formula.
 */

import { describe, expect, test } from 'vitest';
import { sceneWith, unwrap, withEngine } from './gpu';

const TAU = 2 * Math.PI;

/** Signed distance from a to b on the circle, in (−π, π]. */
function circularDelta(a: number, b: number): number {
  const d = (((b - a) % TAU) + TAU) % TAU;
  return d > Math.PI ? d - TAU : d;
}

describe('a single mode cos(x + y) moves every particle uniformly along (1, −1)', () => {
  // F = cos(x + y): x' = η sin θ, y' = −η sin θ with θ = x + y constant. RK4 follows a
  // straight line exactly, so the unwrapped displacement is t·η·sin θ₀ on each axis, up to
  // float32 rounding of about 1e-7 per step (1e-4 after 800 steps).
  const steps = 800;
  const dt = 0.025;
  const scene = sceneWith({
    objective: { constant: 0, modes: [{ n: 1, m: 1, a: 1, b: 0 }] },
    rule: 'flow',
    etaG: 1,
    etaD: 1,
    dt,
    particles: 4096,
    start: { kind: 'grid', size: [64, 64] },
  });

  test('positions are wrapped, and winding numbers count the seams crossed', async () => {
    await withEngine(scene, async (engine) => {
      const initial = await engine.readInitial();
      engine.advance(steps);
      const positions = await engine.readPositions();
      const winding = await engine.readWinding();
      const unwrapped = unwrap(positions, winding);

      let crossedUp = 0;
      let crossedDown = 0;
      let worst = 0;
      for (let i = 0; i < initial.length; i += 2) {
        const [x0, y0] = [initial[i]!, initial[i + 1]!];
        const shift = steps * dt * Math.sin(x0 + y0);
        worst = Math.max(worst, Math.abs(unwrapped[i]! - (x0 + shift)));
        worst = Math.max(worst, Math.abs(unwrapped[i + 1]! - (y0 - shift)));
        for (const v of [positions[i]!, positions[i + 1]!]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThan(TAU);
        }
        if (winding[i]! > 0) crossedUp++;
        if (winding[i]! < 0) crossedDown++;
        // x and y travel the same distance in opposite directions.
        expect(Math.abs(winding[i]! + winding[i + 1]!)).toBeLessThanOrEqual(1);
      }
      expect(worst).toBeLessThan(2e-3);
      // t·η = 20 radians, 3.2 turns: from x₀ > 8π − 20 a particle crosses the seam 4 times.
      expect(Math.max(...winding)).toBe(4);
      expect(Math.min(...winding)).toBe(-4);
      expect(crossedUp).toBeGreaterThan(1000);
      expect(crossedDown).toBeGreaterThan(1000);
    });
  });
});

describe('F = sin x sin y: the flow conserves H = cos x cos y', () => {
  test('over 1000 RK4 steps', async () => {
    const scene = sceneWith({
      objective: {
        constant: 0,
        modes: [
          { n: 1, m: -1, a: 0.5, b: 0 },
          { n: 1, m: 1, a: -0.5, b: 0 },
        ],
      },
      rule: 'flow',
      etaG: 1,
      etaD: 1,
      dt: 0.02,
      particles: 2048,
      seed: 7,
    });
    await withEngine(scene, async (engine) => {
      const initial = await engine.readInitial();
      engine.advance(1000);
      const positions = await engine.readPositions();
      const energy = (p: Float32Array, i: number) => Math.cos(p[i]!) * Math.cos(p[i + 1]!);
      let drift = 0;
      let travelled = 0;
      for (let i = 0; i < initial.length; i += 2) {
        drift = Math.max(drift, Math.abs(energy(positions, i) - energy(initial, i)));
        travelled = Math.max(travelled, Math.abs(circularDelta(initial[i]!, positions[i]!)));
      }
      // RK4's own drift in H is O(dt⁴) per unit time, ~1e-8 here; float32 rounding adds
      // ~1e-7 per step, wandering like a random walk: ~1e-5 after 1000 steps. A wrong sign
      // in either equation changes H by order 1.
      expect(drift).toBeLessThan(1e-4);
      expect(travelled).toBeGreaterThan(1);
    });
  });
});

describe('the spiral attractor of sin x sin y + ε (cos y − cos x)', () => {
  test('distances to (0, 0) shrink like e^{−εt}', async () => {
    const epsilon = 0.1;
    const scene = sceneWith({
      objective: {
        constant: 0,
        modes: [
          { n: 1, m: -1, a: 0.5, b: 0 },
          { n: 1, m: 1, a: -0.5, b: 0 },
          { n: 0, m: 1, a: epsilon, b: 0 },
          { n: 1, m: 0, a: -epsilon, b: 0 },
        ],
      },
      rule: 'flow',
      etaG: 1,
      etaD: 1,
      dt: 0.05,
      particles: 2048,
      start: { kind: 'disk', center: [0, 0], radius: 0.05 },
    });
    await withEngine(scene, async (engine) => {
      const initial = await engine.readInitial();
      const t = 200 * scene.dt;
      engine.advance(200);
      const positions = await engine.readPositions();
      const radius = (p: Float32Array, i: number) =>
        Math.hypot(circularDelta(0, p[i]!), circularDelta(0, p[i + 1]!));
      const angle = (p: Float32Array, i: number) =>
        Math.atan2(circularDelta(0, p[i + 1]!), circularDelta(0, p[i]!));
      let worstRadius = 0;
      let worstAngle = 0;
      for (let i = 0; i < initial.length; i += 2) {
        const ratio = radius(positions, i) / radius(initial, i);
        worstRadius = Math.max(worstRadius, Math.abs(ratio / Math.exp(-epsilon * t) - 1));
        // The eigenvalues −ε ± i turn every particle counter-clockwise by t radians.
        const turned = circularDelta(angle(initial, i) + t, angle(positions, i));
        worstAngle = Math.max(worstAngle, Math.abs(turned));
      }
      // The linearisation x' = −εx − y, y' = x − εy is exact up to terms of relative size
      // r² ≤ 0.0025; float32 adds far less.
      expect(worstRadius).toBeLessThan(0.02);
      expect(worstAngle).toBeLessThan(0.02);
    });
  });
});

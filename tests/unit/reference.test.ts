import { describe, expect, it } from 'vitest';
import { referenceAdvance, referenceTrajectory, wrapAngle } from '../../src/math/reference';
import { DEFAULT_SCENE, cloneScene, type Mode, type Scene } from '../../src/scene/types';

const TWO_PI = 2 * Math.PI;

function sceneOf(modes: Mode[], fields: Partial<Scene>): Scene {
  return { ...cloneScene(DEFAULT_SCENE), ...fields, objective: { constant: 0, modes } };
}

const SIN_SIN: Mode[] = [
  { n: 1, m: -1, a: 0.5, b: 0 },
  { n: 1, m: 1, a: -0.5, b: 0 },
];

/** The unwrapped coordinates of a trajectory's end. */
function unwrapped(state: ReturnType<typeof referenceTrajectory>): [number, number] {
  return [state.x + TWO_PI * state.windingX, state.y + TWO_PI * state.windingY];
}

describe('wrapAngle', () => {
  it('wraps into [0, 2π) and counts crossings', () => {
    expect(wrapAngle(1)).toEqual({ value: 1, crossings: 0 });
    const below = wrapAngle(-0.25);
    expect(below.value).toBeCloseTo(TWO_PI - 0.25, 15);
    expect(below.crossings).toBe(-1);
    const above = wrapAngle(TWO_PI + 0.25);
    expect(above.value).toBeCloseTo(0.25, 14);
    expect(above.crossings).toBe(1);
    expect(wrapAngle(-3 * TWO_PI + 1).crossings).toBe(-3);
    expect(wrapAngle(TWO_PI)).toEqual({ value: 0, crossings: 1 });
  });

  it('never returns 2π: a value rounding up to it becomes 0 with one more crossing', () => {
    // −1e-20 + 2π rounds to 2π in float64.
    expect(wrapAngle(-1e-20)).toEqual({ value: 0, crossings: 0 });
    for (const v of [TWO_PI * (1 - 2 ** -53), -TWO_PI * 2 ** -60, TWO_PI * 3 - 1e-16]) {
      const { value, crossings } = wrapAngle(v);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(TWO_PI);
      expect(Math.abs(value + TWO_PI * crossings - v)).toBeLessThan(1e-14);
    }
  });
});

describe('referenceAdvance bookkeeping', () => {
  it('crosses the seam in both directions and counts it per axis', () => {
    // F = cos(x + y) with η = 1: x' = sin θ, y' = −sin θ, θ = x + y constant. At θ = 3π/2
    // the velocity is exactly (−1, +1): x crosses 0 downwards, later y crosses 2π upwards.
    const scene = sceneOf([{ n: 1, m: 1, a: 1, b: 0 }], { rule: 'flow', etaG: 1, etaD: 1 });
    const y0 = 1.5 * Math.PI - 0.2;
    const after1 = referenceTrajectory(scene, 0.2, y0, 20); // t = 1
    expect(after1.x).toBeCloseTo(TWO_PI - 0.8, 12);
    expect(after1.windingX).toBe(-1);
    expect(after1.y).toBeCloseTo(y0 + 1, 12);
    expect(after1.windingY).toBe(0);
    const after2 = referenceTrajectory(scene, 0.2, y0, 40); // t = 2
    expect(after2.x).toBeCloseTo(TWO_PI - 1.8, 12);
    expect(after2.windingX).toBe(-1);
    expect(after2.y).toBeCloseTo(y0 + 2 - TWO_PI, 12);
    expect(after2.windingY).toBe(1);
  });

  it('advances many particles in place, adding to the winding it is given', () => {
    const scene = sceneOf(SIN_SIN, { rule: 'simultaneous', etaG: 0.3, etaD: 0.2 });
    const starts = [0.1, 6.2, 3.0, 0.05, 5.0, 1.0];
    const positions = Float64Array.from(starts);
    const winding = Int32Array.from([5, -2, 0, 0, 1, 1]);
    referenceAdvance(scene, positions, winding, 7);
    for (let p = 0; p < 3; p++) {
      const one = referenceTrajectory(scene, starts[2 * p], starts[2 * p + 1], 7);
      expect(positions[2 * p]).toBe(one.x);
      expect(positions[2 * p + 1]).toBe(one.y);
    }
    const one = referenceTrajectory(scene, 0.1, 6.2, 7);
    expect(winding[0]).toBe(5 + one.windingX);
    expect(winding[1]).toBe(-2 + one.windingY);
  });

  it('keeps every coordinate in [0, 2π) on a long discrete run', () => {
    const scene = sceneOf(SIN_SIN, { rule: 'agd', etaG: 0.9, etaD: 0.7, discriminatorSteps: 3 });
    const positions = Float64Array.from({ length: 200 }, (_, i) => (i * 0.731) % TWO_PI);
    referenceAdvance(scene, positions, new Int32Array(200), 300);
    for (const v of positions) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(TWO_PI);
    }
  });

  it('rejects mismatched buffers', () => {
    expect(() =>
      referenceAdvance(DEFAULT_SCENE, new Float64Array(4), new Int32Array(2), 1),
    ).toThrow(/length 2N/);
  });
});

describe('update rules', () => {
  // F = sin x sin y: F_x = cos x sin y, F_y = sin x cos y.
  const fx = (x: number, y: number) => Math.cos(x) * Math.sin(y);
  const fy = (x: number, y: number) => Math.sin(x) * Math.cos(y);
  const etaG = 0.1;
  const etaD = 0.2;

  it('AGD updates the discriminator k_D times, then the generator at the new y', () => {
    const [x0, y0] = [0.3, 0.2];
    const y1 = y0 + etaD * fy(x0, y0);
    const y2 = y1 + etaD * fy(x0, y1);
    const x1 = x0 - etaG * fx(x0, y2);
    const scene = sceneOf(SIN_SIN, { rule: 'agd', etaG, etaD, discriminatorSteps: 2 });
    const got = referenceTrajectory(scene, x0, y0, 1);
    expect(got.x).toBeCloseTo(x1, 15);
    expect(got.y).toBeCloseTo(y2, 15);
  });

  it('AGD generator first updates x once, then y k_D times at the new x', () => {
    const [x0, y0] = [0.3, 0.2];
    const x1 = x0 - etaG * fx(x0, y0);
    const y1 = y0 + etaD * fy(x1, y0);
    const y2 = y1 + etaD * fy(x1, y1);
    const scene = sceneOf(SIN_SIN, {
      rule: 'agd-generator-first',
      etaG,
      etaD,
      discriminatorSteps: 2,
    });
    const got = referenceTrajectory(scene, x0, y0, 1);
    expect(got.x).toBeCloseTo(x1, 15);
    expect(got.y).toBeCloseTo(y2, 15);
    // The order matters well above round-off.
    const other = referenceTrajectory({ ...scene, rule: 'agd' }, x0, y0, 1);
    expect(Math.abs(other.x - got.x)).toBeGreaterThan(1e-3);
    expect(Math.abs(other.y - got.y)).toBeGreaterThan(1e-3);
  });

  it('simultaneous steps both players from the same point and ignores k_D', () => {
    const [x0, y0] = [0.3, 0.2];
    const scene = sceneOf(SIN_SIN, { rule: 'simultaneous', etaG, etaD, discriminatorSteps: 5 });
    const got = referenceTrajectory(scene, x0, y0, 1);
    expect(got.x).toBeCloseTo(x0 - etaG * fx(x0, y0), 15);
    expect(got.y).toBeCloseTo(y0 + etaD * fy(x0, y0), 15);
  });

  it('flow is one classical RK4 step', () => {
    const [x0, y0] = [0.9, 2.1];
    const h = 0.3;
    const v = (x: number, y: number) => [-etaG * fx(x, y), etaD * fy(x, y)];
    const k1 = v(x0, y0);
    const k2 = v(x0 + (h / 2) * k1[0], y0 + (h / 2) * k1[1]);
    const k3 = v(x0 + (h / 2) * k2[0], y0 + (h / 2) * k2[1]);
    const k4 = v(x0 + h * k3[0], y0 + h * k3[1]);
    const scene = sceneOf(SIN_SIN, { rule: 'flow', etaG, etaD, dt: h });
    const got = referenceTrajectory(scene, x0, y0, 1);
    expect(got.x).toBeCloseTo(x0 + (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]), 15);
    expect(got.y).toBeCloseTo(y0 + (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]), 15);
  });
});

describe('bilinear game near (π, π) of sin x sin y (F ≈ u v, B = 1)', () => {
  /** Jacobian determinant of the one-step map at (π, π), by central differences. */
  function stepDeterminant(scene: Scene): number {
    const h = 1e-6;
    const step = (dx: number, dy: number) => {
      const s = referenceTrajectory(scene, Math.PI + dx, Math.PI + dy, 1);
      return unwrapped(s);
    };
    const [xp, yp] = step(h, 0);
    const [xm, ym] = step(-h, 0);
    const [xq, yq] = step(0, h);
    const [xr, yr] = step(0, -h);
    const j11 = (xp - xm) / (2 * h);
    const j21 = (yp - ym) / (2 * h);
    const j12 = (xq - xr) / (2 * h);
    const j22 = (yq - yr) / (2 * h);
    return j11 * j22 - j12 * j21;
  }

  it('simultaneous steps expand area by 1 + η_G η_D B², alternating steps preserve it', () => {
    const fields = { etaG: 0.5, etaD: 0.4, discriminatorSteps: 1 };
    const sim = stepDeterminant(sceneOf(SIN_SIN, { ...fields, rule: 'simultaneous' }));
    const agd = stepDeterminant(sceneOf(SIN_SIN, { ...fields, rule: 'agd' }));
    const agdG = stepDeterminant(sceneOf(SIN_SIN, { ...fields, rule: 'agd-generator-first' }));
    expect(sim).toBeCloseTo(1.2, 8);
    expect(agd).toBeCloseTo(1, 8);
    expect(agdG).toBeCloseTo(1, 8);
  });

  it('simultaneous steps spiral outwards by √(1 + η²) a step; AGD stays bounded', () => {
    const eta = 0.1;
    const r0 = 1e-4;
    const steps = 100;
    const radius = (rule: Scene['rule']) => {
      const scene = sceneOf(SIN_SIN, { rule, etaG: eta, etaD: eta });
      const [x, y] = unwrapped(referenceTrajectory(scene, Math.PI + r0, Math.PI, steps));
      return Math.hypot(x - Math.PI, y - Math.PI) / r0;
    };
    // Linear part: (u, v) → (u − η v, v + η u), which scales |(u, v)|² by 1 + η².
    expect(radius('simultaneous')).toBeCloseTo((1 + eta * eta) ** (steps / 2), 5);
    const agd = radius('agd');
    expect(agd).toBeGreaterThan(0.9);
    expect(agd).toBeLessThan(1.1);
  });
});

describe('continuous flow, known cases', () => {
  it('conserves H = cos x cos y for F = sin x sin y to 1e-6 over 1000 steps of 0.01', () => {
    const scene = sceneOf(SIN_SIN, { rule: 'flow', etaG: 1, etaD: 1, dt: 0.01 });
    for (const [x0, y0] of [
      [0.4, 0.3],
      [2.0, 1.0],
      [4.0, 5.5],
      [0.2, 3.3],
    ]) {
      const end = referenceTrajectory(scene, x0, y0, 1000);
      const h0 = Math.cos(x0) * Math.cos(y0);
      expect(Math.abs(Math.cos(end.x) * Math.cos(end.y) - h0)).toBeLessThan(1e-6);
      // It did move: a conserved H from standing still would prove nothing.
      expect(Math.hypot(end.x - x0, end.y - y0)).toBeGreaterThan(0.05);
    }
  });

  it('a single mode cos(x + y) moves uniformly along (1, −1)·sin(x + y)', () => {
    // F_x = F_y = −sin θ, so x' = sin θ, y' = −sin θ, and θ = x + y never changes.
    const scene = sceneOf([{ n: 1, m: 1, a: 1, b: 0 }], { rule: 'flow', etaG: 1, etaD: 1 });
    const [x0, y0] = [1.0, 0.5];
    const speed = Math.sin(x0 + y0);
    const [x, y] = unwrapped(referenceTrajectory(scene, x0, y0, 200)); // t = 10
    expect(x).toBeCloseTo(x0 + 10 * speed, 10);
    expect(y).toBeCloseTo(y0 - 10 * speed, 10);
  });

  it('cos(2x + y) moves along (2, −1) and settles where 2x + y = π', () => {
    const scene = sceneOf([{ n: 2, m: 1, a: 1, b: 0 }], { rule: 'flow', etaG: 1, etaD: 1 });
    const [x0, y0] = [0.4, 0.7];
    const [x, y] = unwrapped(referenceTrajectory(scene, x0, y0, 400));
    // Displacement parallel to (2, −1): its component along (1, 2) is zero.
    expect(x - x0 + 2 * (y - y0)).toBeCloseTo(0, 10);
    expect(2 * x + y).toBeCloseTo(Math.PI, 8);
  });

  it('the spiral F = sin x sin y + ε(cos y − cos x) decays like e^{−εt}, turning at rate 1', () => {
    const eps = 0.1;
    const scene = sceneOf(
      [...SIN_SIN, { n: 0, m: 1, a: eps, b: 0 }, { n: 1, m: 0, a: -eps, b: 0 }],
      { rule: 'flow', etaG: 1, etaD: 1, dt: 0.05 },
    );
    const r0 = 1e-3;
    for (const steps of [100, 400]) {
      const t = steps * 0.05;
      const [x, y] = unwrapped(referenceTrajectory(scene, r0, 0, steps));
      expect(Math.hypot(x, y) / (r0 * Math.exp(-eps * t))).toBeCloseTo(1, 5);
      // Linearized: u' = −v − εu, v' = u − εv, so the angle grows as t.
      const turn = Math.atan2(y, x) - t;
      expect(Math.abs(turn - TWO_PI * Math.round(turn / TWO_PI))).toBeLessThan(1e-5);
    }
  });
});

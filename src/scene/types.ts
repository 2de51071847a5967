/**
 * The scene: everything that defines a run, as one plain object. Its JSON form is the
 * public interface documented in the README ("Scene files"); `parseScene` validates it.
 */

/** One Fourier mode a·cos(n x + m y) + b·sin(n x + m y) of the objective F. */
export interface Mode {
  /** Frequency in x, the generator's parameter. Canonical modes have n > 0, or n = 0, m > 0. */
  n: number;
  /** Frequency in y, the discriminator's parameter. */
  m: number;
  /** Cosine coefficient. */
  a: number;
  /** Sine coefficient. */
  b: number;
}

/** The truncated Fourier series F(x, y) = constant + Σ modes. */
export interface Objective {
  constant: number;
  modes: Mode[];
}

/** How the two players update; see the README's "Update rules". */
export type Rule = 'agd' | 'agd-generator-first' | 'simultaneous' | 'flow';

export const RULES: readonly Rule[] = ['agd', 'agd-generator-first', 'simultaneous', 'flow'];

/** Where the particles start, in radians. */
export type Start =
  | { kind: 'uniform' }
  | { kind: 'disk'; center: [number, number]; radius: number }
  | { kind: 'grid'; size: [number, number] };

export interface Scene {
  objective: Objective;
  rule: Rule;
  /** Generator learning rate η_G (for "flow": the factor on the generator's field). */
  etaG: number;
  /** Discriminator learning rate η_D (for "flow": the factor on the discriminator's field). */
  etaD: number;
  /** Discriminator steps per generator step, k_D, for the two AGD rules. */
  discriminatorSteps: number;
  /** RK4 time step h, for "flow". */
  dt: number;
  /** Number of particles, one training run each. */
  particles: number;
  /** Steps of a command-line run. */
  steps: number;
  /** Integer seed of the initial positions. */
  seed: number;
  start: Start;
}

/** Highest order max(|n|, |m|) of a mode the engine evaluates. */
export const MAX_ORDER = 8;

/** Most modes a truncation of order MAX_ORDER has: 2N² + 2N. */
export const MAX_MODES = 2 * MAX_ORDER * MAX_ORDER + 2 * MAX_ORDER;

/** Defaults of every field but the objective; the objective's default is the spiral preset. */
export const DEFAULT_SCENE: Scene = {
  objective: {
    constant: 0,
    modes: [
      // sin x sin y = ½ cos(x − y) − ½ cos(x + y), plus ε (cos y − cos x) with ε = 0.1:
      // the spiral attractor at (0, 0). Listed in canonical order, as parseScene returns them.
      { n: 0, m: 1, a: 0.1, b: 0 },
      { n: 1, m: -1, a: 0.5, b: 0 },
      { n: 1, m: 0, a: -0.1, b: 0 },
      { n: 1, m: 1, a: -0.5, b: 0 },
    ],
  },
  rule: 'agd',
  etaG: 0.05,
  etaD: 0.05,
  discriminatorSteps: 1,
  dt: 0.05,
  particles: 1_000_000,
  steps: 1000,
  seed: 1,
  start: { kind: 'uniform' },
};

/** A deep copy, so that editing one scene never changes another. */
export function cloneScene(scene: Scene): Scene {
  return structuredClone(scene);
}

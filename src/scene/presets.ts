/**
 * Ready-made scenes: the known cases of DESIGN 2.3 to look at and teach with, a random
 * objective, and the exponential-data GAN of DESIGN 2.4 truncated at a chosen order.
 * Every preset is a whole scene in canonical form, so `parseScene(build())` returns it
 * unchanged.
 */

import { objectiveFromSamples } from '../math/dft';
import { ganObjective } from '../math/gan';
import { foldModes } from './parse';
import { DEFAULT_SCENE, MAX_ORDER, cloneScene, type Mode, type Scene } from './types';

/** Options some presets take; the others ignore them. */
export interface PresetOptions {
  /** `random-order-3`: integer seed of the coefficients, 0 … 2^32 − 1 (default 1). */
  seed?: number;
  /** `gan-exponential`: truncation order N, 1 … MAX_ORDER (default 4). */
  order?: number;
}

export interface Preset {
  /** Stable name, for files, URLs and the command line. */
  id: string;
  /** Short name for a menu. */
  label: string;
  /** One or two sentences on what to look for. */
  describe: string;
  build(options?: PresetOptions): Scene;
}

/** Grid size of the GAN's sampling: order ≤ 8 needs ≥ 18, and more keeps aliasing small. */
export const GAN_GRID_SIZE = 64;

/**
 * The continuous-flow presets use η_G = η_D = 1 so that dt is the time step in the units of
 * DESIGN 2.3 (the spiral's rate ε, the centres' periods near 2π); the discrete presets use
 * learning rates of 0.05, small enough that AGD follows the flow closely.
 */
function scene(modes: Mode[], fields: Partial<Scene>, constant = 0): Scene {
  return { ...cloneScene(DEFAULT_SCENE), ...fields, objective: { constant, modes } };
}

const FLOW = { rule: 'flow', etaG: 1, etaD: 1, dt: 0.05 } as const;
const DISCRETE = { rule: 'agd', etaG: 0.05, etaD: 0.05 } as const;

/** mulberry32: a small 32-bit integer PRNG, uniform in [0, 1); the same seed, the same list. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomOrder3(seed: number): Mode[] {
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new RangeError(`random-order-3: seed must be an integer 0 … 2^32 − 1, got ${seed}`);
  }
  const uniform = mulberry32(seed);
  // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  // Three decimals keep the scene readable in the GUI and short in the URL.
  const round = (v: number) => Math.round(v * 1000) / 1000 || 0;

  const modes: Mode[] = [];
  const order = 3;
  for (let n = 0; n <= order; n++) {
    for (let m = n === 0 ? 1 : -order; m <= order; m++) {
      // Amplitude falling as 1/order², like a smooth function's coefficients.
      const amplitude = 0.5 / Math.max(n, Math.abs(m)) ** 2;
      modes.push({ n, m, a: round(amplitude * normal()), b: round(amplitude * normal()) });
    }
  }
  return modes;
}

function ganTruncated(order: number): Scene {
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
    throw new RangeError(
      `gan-exponential: order must be an integer 1 … ${MAX_ORDER}, got ${order}`,
    );
  }
  const objective = objectiveFromSamples(ganObjective, GAN_GRID_SIZE, order);
  return scene(objective.modes, DISCRETE, objective.constant);
}

/** Every preset, in menu order. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'centers',
    label: 'Four centers of sin x sin y',
    describe:
      'F = sin x sin y under the continuous flow: closed orbits around four centers, ' +
      'separated by four saddles; H = cos x cos y is conserved.',
    build: () =>
      scene(
        [
          { n: 1, m: -1, a: 0.5, b: 0 },
          { n: 1, m: 1, a: -0.5, b: 0 },
        ],
        FLOW,
      ),
  },
  {
    id: 'spiral',
    label: 'Spiral attractor',
    describe:
      'F = sin x sin y + 0.1 (cos y − cos x) under alternating gradient descent: (0, 0) ' +
      'becomes a Nash equilibrium that training reaches slowly, spiralling in.',
    build: () => scene(foldModes(DEFAULT_SCENE.objective.modes), DISCRETE),
  },
  {
    id: 'single-mode',
    label: 'Single mode cos(2x + y)',
    describe:
      'One mode: every particle moves along the direction (2, −1) and settles on a line ' +
      'where 2x + y = π.',
    build: () => scene([{ n: 2, m: 1, a: 1, b: 0 }], FLOW),
  },
  {
    id: 'random-order-3',
    label: 'Random order-3 objective',
    describe:
      'All 24 modes of order ≤ 3 with random coefficients shrinking with the order; ' +
      'the seed picks them.',
    build: (options) => scene(randomOrder3(options?.seed ?? 1), DISCRETE),
  },
  {
    id: 'gan-exponential',
    label: 'GAN on exponential data',
    describe:
      'A real GAN (generator scale exp(0.6 sin x), discriminator slope 2 cos y) truncated ' +
      'to its Fourier modes of the chosen order.',
    build: (options) => ganTruncated(options?.order ?? 4),
  },
];

/** The preset with this id, or undefined. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

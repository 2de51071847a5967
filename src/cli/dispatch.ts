/**
 * How a long run is cut into dispatches. Drivers kill a submission that keeps the GPU busy
 * too long (Windows' watchdog after 2 s, others similar), and a single dispatch cannot be
 * interrupted, so the command line gives the first one a bounded amount of work, and the
 * later ones what the measured speed fits in about a second. The engine's results are
 * bit-identical for any split: only the number of submissions changes.
 */

import type { Scene } from '../scene/types';

/**
 * Work one dispatch may do, in mode evaluations (one Fourier mode's term of the gradient at
 * one point): 2^28. A weak integrated GPU evaluates some 1e9 to 1e10 a second, so a
 * dispatch lasts well under the watchdog's limit there and microseconds on a large GPU.
 */
export const DISPATCH_BUDGET = 2 ** 28;

/**
 * Particles a GPU advances side by side at full speed, about one per shader lane of a
 * large GPU. Fewer particles do not make a dispatch proportionally shorter, since each lane
 * runs its particle's steps one after the other; the budget counts at least this many.
 */
export const MIN_PARALLEL_PARTICLES = 2 ** 16;

/** Gradient evaluations per particle per step of the scene's rule (DESIGN 2.2). */
export function gradientsPerStep(scene: Scene): number {
  switch (scene.rule) {
    case 'agd':
    case 'agd-generator-first':
      return scene.discriminatorSteps + 1;
    case 'simultaneous':
      return 1;
    case 'flow':
      return 4;
  }
}

/**
 * Terms per gradient, as the budget counts them: (N + 1)(2N + 1) for an objective of order
 * N, the most modes such an objective can have, whichever are present, and at least the
 * number of modes. An upper bound on the engine's work: it sums at most (N + 1)² products
 * of phasors per partial derivative.
 */
export function termsPerGradient(scene: Scene): number {
  const modes = scene.objective.modes;
  const order = Math.max(0, ...modes.map((mode) => Math.max(Math.abs(mode.n), Math.abs(mode.m))));
  return Math.max(1, modes.length, (order + 1) * (2 * order + 1));
}

/** Mode evaluations per particle per step: the unit of DISPATCH_BUDGET. */
export function workPerParticleStep(scene: Scene): number {
  return gradientsPerStep(scene) * termsPerGradient(scene);
}

/**
 * Steps per dispatch for `scene`: as many as fit DISPATCH_BUDGET, at least 1, at most the
 * run's steps. Limitation: a single step of more particles than the budget covers still
 * goes in one dispatch, as the engine cannot advance part of the particles.
 */
export function stepsPerDispatch(scene: Scene): number {
  const lanes = Math.max(scene.particles, MIN_PARALLEL_PARTICLES);
  const fit = Math.floor(DISPATCH_BUDGET / (lanes * workPerParticleStep(scene)));
  return Math.max(1, Math.min(fit, Math.max(1, scene.steps)));
}

/** Seconds a dispatch aims to last once the adapter's speed is known. */
export const TARGET_SUBMISSION_SECONDS = 1;

/**
 * The largest share of a dispatch's time that its fixed cost may take on a fallback
 * adapter. Past it, dispatches grow beyond TARGET_SUBMISSION_SECONDS: on SwiftShader,
 * loading and storing 4e6 particles takes half a second, and one-second dispatches would
 * spend half their time on it.
 */
const MAX_FIXED_SHARE = 0.1;

/** How much longer than the last one timed a dispatch may be: a measurement may be off. */
const MAX_GROWTH = 4;

/** Dispatches remembered for the fit: the recent ones describe the machine as it is now. */
const HISTORY = 8;

/**
 * Sizes of dispatch at least this far apart tell the fixed cost from the cost per step;
 * closer ones would mostly measure noise.
 */
const DISTINCT_SIZES = 1.5;

/** Chooses the steps of each dispatch of a run; told how long each one took. */
export interface DispatchSplit {
  /** Steps of the next dispatch. */
  readonly next: number;
  /** A dispatch of `steps` steps took `seconds`, from its start to its completion. */
  observe(steps: number, seconds: number): void;
}

/** Every dispatch `steps` steps, whatever they take: `--steps-per-dispatch`, the bench. */
export function fixedSplit(steps: number): DispatchSplit {
  return { next: Math.max(1, Math.floor(steps)), observe() {} };
}

/**
 * Sizes the dispatches of a run from the times the previous ones took: each aims at
 * TARGET_SUBMISSION_SECONDS at the speed the last one measured, and is at most MAX_GROWTH
 * times as long as it. A machine that slows down and recovers (another program, a
 * suspended process) gets dispatches that shrink and grow back.
 *
 * On a fallback adapter (a CPU driver such as SwiftShader, which no GPU watchdog watches)
 * each dispatch also pays a fixed cost per particle, loading and storing it, that can take
 * most of a one-second dispatch of millions of particles. There the sizer fits
 * fixed + perStep · steps to the recent dispatches (by least squares, once their sizes
 * differ enough; until then it tries twice or half the size) and makes dispatches long
 * enough that the fixed cost is at most MAX_FIXED_SHARE of each. On a GPU, where a long
 * submission can be killed, dispatches keep to the target.
 */
export class DispatchSizer implements DispatchSplit {
  private steps: number;
  private readonly fallbackAdapter: boolean;
  /** The latest dispatches timed, newest last. */
  private readonly history: { steps: number; seconds: number }[] = [];
  /**
   * The last fit of the fixed cost, in steps' worth: once dispatches settle on one size
   * they no longer tell it, and it depends on the particle count, not on the load.
   */
  private fixedInSteps: number | null = null;

  /**
   * `first`: steps of the first dispatch, chosen before any was timed (stepsPerDispatch);
   * `fallbackAdapter`: GPUAdapterInfo.isFallbackAdapter of the adapter the run is on.
   */
  constructor(first: number, options: { fallbackAdapter: boolean }) {
    this.steps = Math.max(1, Math.floor(first));
    this.fallbackAdapter = options.fallbackAdapter;
  }

  get next(): number {
    return this.steps;
  }

  observe(steps: number, seconds: number): void {
    if (!(seconds > 0) || !(steps > 0)) return;
    let wanted = Math.floor((steps * TARGET_SUBMISSION_SECONDS) / seconds);
    if (this.fallbackAdapter) {
      this.history.push({ steps, seconds });
      if (this.history.length > HISTORY) this.history.shift();
      const sizes = this.history.map((entry) => entry.steps);
      if (Math.max(...sizes) >= DISTINCT_SIZES * Math.min(...sizes)) {
        this.fixedInSteps = this.fixedCostInSteps() ?? this.fixedInSteps;
      }
      if (this.fixedInSteps === null) {
        // Two sizes are needed to tell the fixed cost from the steps' cost: try another.
        const tooLong = seconds > TARGET_SUBMISSION_SECONDS;
        wanted = tooLong && steps > 1 ? Math.floor(steps / 2) : 2 * steps;
      } else {
        const amortized = (this.fixedInSteps * (1 - MAX_FIXED_SHARE)) / MAX_FIXED_SHARE;
        wanted = Math.max(wanted, Math.ceil(amortized));
      }
    }
    this.steps = Math.max(1, Math.min(wanted, steps * MAX_GROWTH));
  }

  /**
   * The fixed cost of a dispatch in steps' worth (fixed / perStep), from a least-squares
   * line through the recent dispatches; null when the line does not rise.
   */
  private fixedCostInSteps(): number | null {
    const sizes = this.history.map((entry) => entry.steps);
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    const meanSteps = mean(sizes);
    const meanSeconds = mean(this.history.map((entry) => entry.seconds));
    let covariance = 0;
    let variance = 0;
    for (const { steps, seconds } of this.history) {
      covariance += (steps - meanSteps) * (seconds - meanSeconds);
      variance += (steps - meanSteps) ** 2;
    }
    const perStep = covariance / variance;
    if (!(perStep > 0)) return null;
    // The fixed cost is no less than nothing, and no more than the shortest dispatch took.
    const shortest = Math.min(...this.history.map((entry) => entry.seconds));
    const fixed = Math.min(Math.max(0, meanSeconds - perStep * meanSteps), shortest);
    return fixed / perStep;
  }
}

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
 * The largest share of a dispatch's time that its fixed cost may take. Past it, dispatches
 * grow beyond TARGET_SUBMISSION_SECONDS: on a CPU driver, loading and storing 1e7 particles
 * alone takes longer than the target, and one-step dispatches would spend most of their
 * time on it.
 */
const MAX_FIXED_SHARE = 0.2;

/** How much longer than the last one a dispatch may be: a measurement may be off. */
const MAX_GROWTH = 4;

/** Dispatches remembered for the fit: the recent ones describe the machine as it is now. */
const HISTORY = 8;

/**
 * Two sizes of dispatch at least this far apart tell the fixed cost from the cost per step;
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
 * Sizes the dispatches of a run from the times the previous ones took. A dispatch of c steps
 * takes about fixed + perStep · c seconds: `fixed` loads and stores every particle, and on a
 * CPU driver weighs as much as several steps. Two dispatches of different sizes measure both
 * terms; every later dispatch rescales them, so that a machine that slows down and speeds up
 * again (another program, a suspended process) gets dispatches that shrink and grow back.
 * The size aims at TARGET_SUBMISSION_SECONDS, or at a fixed cost of MAX_FIXED_SHARE of the
 * dispatch where that takes longer.
 */
export class DispatchSizer implements DispatchSplit {
  private steps: number;
  /** The latest dispatches measured, newest last. */
  private readonly history: { steps: number; seconds: number }[] = [];
  /** fixed + perStep · c, in seconds, once two distinct sizes were measured. */
  private model: { fixed: number; perStep: number } | null = null;

  /** `first`: steps of the first dispatch, chosen before any was timed (stepsPerDispatch). */
  constructor(first: number) {
    this.steps = Math.max(1, Math.floor(first));
  }

  get next(): number {
    return this.steps;
  }

  observe(steps: number, seconds: number): void {
    if (!(seconds > 0) || !(steps > 0)) return;
    this.learn(steps, seconds);
    if (this.model === null) {
      // Until two distinct sizes are timed: half this one if it took too long, else twice
      // (a one-step dispatch that took too long is followed by two: a fixed cost may be
      // most of its time, and only a second size tells).
      const tooLong = seconds > TARGET_SUBMISSION_SECONDS;
      this.steps = tooLong && steps > 1 ? Math.floor(steps / 2) : 2 * steps;
      return;
    }
    // The latest dispatch is the best guide to the machine's speed now: rescale to it.
    const scale = seconds / (this.model.fixed + this.model.perStep * steps);
    const fixed = scale * this.model.fixed;
    const perStep = scale * this.model.perStep;
    const inTarget = Math.floor((TARGET_SUBMISSION_SECONDS - fixed) / perStep);
    const amortized = Math.ceil((fixed * (1 - MAX_FIXED_SHARE)) / (MAX_FIXED_SHARE * perStep));
    const wanted = Math.max(1, inTarget, amortized);
    this.steps = Math.max(1, Math.min(wanted, steps * MAX_GROWTH));
  }

  /** Fits the model to this dispatch and the latest one of a distinct size, if any. */
  private learn(steps: number, seconds: number): void {
    const distinct = (other: number) =>
      Math.max(steps, other) >= DISTINCT_SIZES * Math.min(steps, other);
    const reference = [...this.history].reverse().find((entry) => distinct(entry.steps));
    this.history.push({ steps, seconds });
    if (this.history.length > HISTORY) this.history.shift();
    if (reference === undefined) return;
    const perStep = (seconds - reference.seconds) / (steps - reference.steps);
    const fixed = seconds - perStep * steps;
    // Noise can make the line through two points absurd; keep the previous model then.
    if (perStep > 0 && fixed >= 0) this.model = { fixed, perStep };
  }
}

/**
 * How a long run is cut into dispatches. Drivers kill a submission that keeps the GPU busy
 * too long (Windows' watchdog after 2 s, others similar), and a single dispatch cannot be
 * interrupted, so the command line gives each one a bounded amount of work. The engine's
 * results are bit-identical for any split: only the number of submissions changes.
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

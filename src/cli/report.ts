/** The report a run leaves beside its arrays, `report.json`, and its one-line summary. */

import packageJson from '../../package.json';
import type { Scene } from '../scene/types';
import type { AdvanceResult } from './advance';
import { printable } from './errors';

/** The tool's version, from package.json. */
export const VERSION: string = packageJson.version;

/** What one output array holds. */
export interface FileEntry {
  dtype: 'float32' | 'int32';
  /** [particles, 2]: one row per particle, columns x (generator) and y (discriminator). */
  shape: [number, number];
  description: string;
}

/** The content of `report.json`. */
export interface RunReport {
  tool: 'torus-gan-flow';
  version: string;
  /** When the report was written, ISO 8601 in UTC. */
  createdAt: string;
  /** The scene file's path as given, or `preset:NAME`. */
  source: string;
  /** The scene as run: file or preset, overrides applied, every default filled in. */
  scene: Scene;
  /** The WebGPU adapter, "vendor architecture (description)". */
  adapter: string;
  particles: number;
  steps: number;
  /** GPU submissions (dispatches) the steps were split into. */
  dispatches: number;
  /** Steps of the largest dispatch. */
  largestDispatch: number;
  /** Seconds the GPU took to advance all steps: first submission to last completion. */
  elapsedSeconds: number;
  /** particles × steps / elapsedSeconds; null for a run of 0 steps. */
  particleStepsPerSecond: number | null;
  /** Seconds of the whole command up to writing this report: device, seeding, reading. */
  wallSeconds: number;
  /** Particles that blew up (NaN, infinite, or past 2²³ radians); they stopped there. */
  nonFiniteParticles: number;
  files: Record<string, FileEntry>;
}

/** What a finished run measured, for `buildReport`. */
export interface RunFacts {
  scene: Scene;
  source: string;
  adapter: string;
  split: AdvanceResult;
  wallSeconds: number;
  nonFiniteParticles: number;
}

/** The report of a finished run. */
export function buildReport(facts: RunFacts): RunReport {
  const { scene } = facts;
  const shape: [number, number] = [scene.particles, 2];
  const work = scene.particles * scene.steps;
  return {
    tool: 'torus-gan-flow',
    version: VERSION,
    createdAt: new Date().toISOString(),
    source: facts.source,
    scene,
    adapter: facts.adapter,
    particles: scene.particles,
    steps: scene.steps,
    dispatches: facts.split.dispatches,
    largestDispatch: facts.split.largest,
    elapsedSeconds: facts.split.elapsed,
    particleStepsPerSecond: work > 0 && facts.split.elapsed > 0 ? work / facts.split.elapsed : null,
    wallSeconds: facts.wallSeconds,
    nonFiniteParticles: facts.nonFiniteParticles,
    files: {
      'initial.npy': {
        dtype: 'float32',
        shape,
        description: 'starting positions (x, y), radians in [0, 2π)',
      },
      'positions.npy': {
        dtype: 'float32',
        shape,
        description: 'final positions (x, y), radians wrapped into [0, 2π)',
      },
      'winding.npy': {
        dtype: 'int32',
        shape,
        description: 'seam crossings per axis; position + 2π·winding is the unwrapped position',
      },
    },
  };
}

/** `1 particle`, `2 particles`. */
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** One line on what a run did, for stdout. */
export function summaryLine(dir: string, report: RunReport): string {
  const rate =
    report.particleStepsPerSecond === null
      ? ''
      : ` (${report.particleStepsPerSecond.toExponential(3)} particle-steps/s)`;
  return (
    `saved ${printable(dir)}: ${counted(report.particles, 'particle')} × ` +
    `${counted(report.steps, 'step')} of ` +
    `${report.scene.rule} in ${report.elapsedSeconds.toFixed(3)} s${rate} on ${report.adapter}`
  );
}

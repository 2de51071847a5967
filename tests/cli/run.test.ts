/**
 * The built command on small scenes, its files read back: shapes, dtypes and ranges; the
 * same seed giving the same bytes; the split into dispatches changing nothing; and each
 * update rule agreeing with the float64 reference.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceAdvance } from '../../src/math/reference';
import { RULES, type Mode } from '../../src/scene/types';
import { buildCli, lines, readNpy, runCli, scratchDir } from './cli';

const TAU = 2 * Math.PI;
let cli: ReturnType<typeof buildCli>;
beforeAll(() => {
  cli = buildCli();
});
afterAll(() => cli.remove());

/** Runs the command, expects success, and returns the result directory. */
async function runOk(args: string[]): Promise<{ dir: string; stdout: string; stderr: string }> {
  const dir = join(scratchDir(), 'out');
  const outcome = await runCli(cli.main, ['run', ...args, '--save', dir]);
  expect(outcome.stderr).toBe('');
  expect(outcome.status).toBe(0);
  return { dir, stdout: outcome.stdout, stderr: outcome.stderr };
}

const bytes = (dir: string, name: string) => readFileSync(join(dir, name));

describe('run writes NumPy files and a report', () => {
  test('shapes, dtypes, ranges, report; one line on stdout, nothing on stderr', async () => {
    const particles = 3000;
    const args = ['--preset', 'spiral', '--particles', '3e3', '--steps', '50', '--seed', '9'];
    const { dir, stdout } = await runOk(args);

    for (const name of ['initial.npy', 'positions.npy']) {
      const file = readNpy(join(dir, name));
      expect(file.descr).toBe('<f4');
      expect(file.shape).toEqual([particles, 2]);
      expect(file.fortranOrder).toBe(false);
      for (const value of file.data) expect(value >= 0 && value < TAU).toBe(true);
    }
    const winding = readNpy(join(dir, 'winding.npy'));
    expect(winding.descr).toBe('<i4');
    expect(winding.shape).toEqual([particles, 2]);
    expect(winding.data).toBeInstanceOf(Int32Array);

    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.source).toBe('preset:spiral');
    expect(report.particles).toBe(particles);
    expect(report.steps).toBe(50);
    expect(report.scene.particles).toBe(particles);
    expect(report.scene.seed).toBe(9);
    // Defaults filled in: every field of the scene's JSON form is present.
    expect(Object.keys(report.scene).sort()).toEqual(
      ['discriminatorSteps', 'dt', 'etaD', 'etaG', 'objective', 'particles', 'rule']
        .concat(['seed', 'start', 'steps'])
        .sort(),
    );
    expect(report.adapter).toMatch(/\S/);
    expect(report.elapsedSeconds).toBeGreaterThan(0);
    expect(report.particleStepsPerSecond).toBeCloseTo((particles * 50) / report.elapsedSeconds);
    expect(report.nonFiniteParticles).toBe(0);

    expect(lines(stdout)).toHaveLength(1);
    expect(stdout).toMatch(/^saved .*: 3000 particles × 50 steps of agd in /);
  });

  test('the same seed gives the same bytes, another seed other bytes', async () => {
    const run = (seed: string) =>
      runOk(['--preset', 'random-order-3', '--particles', '2000', '--steps', '30', '--seed', seed]);
    const [a, b, c] = await Promise.all([run('4'), run('4'), run('5')]);
    for (const name of ['initial.npy', 'positions.npy', 'winding.npy']) {
      expect(bytes(a.dir, name).equals(bytes(b.dir, name))).toBe(true);
    }
    expect(bytes(a.dir, 'initial.npy').equals(bytes(c.dir, 'initial.npy'))).toBe(false);
  });

  test('the split into dispatches does not change the result', async () => {
    const common = ['--preset', 'gan-exponential', '--particles', '5000', '--steps', '40'];
    const runs = await Promise.all([
      runOk(common),
      runOk([...common, '--steps-per-dispatch', '1']),
      runOk([...common, '--steps-per-dispatch', '7']),
    ]);
    const dispatches = runs.map(
      ({ dir }) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).dispatches,
    );
    // The automatic split adapts to the adapter's speed: more than one dispatch at first.
    expect(dispatches[0]).toBeGreaterThan(1);
    expect(dispatches.slice(1)).toEqual([40, 6]);
    for (const name of ['positions.npy', 'winding.npy']) {
      const first = bytes(runs[0]!.dir, name);
      for (const run of runs.slice(1)) expect(bytes(run.dir, name).equals(first)).toBe(true);
    }
  });

  test('runs without VK_ICD_FILENAMES or XDG_RUNTIME_DIR set, quietly', async () => {
    const env = { ...process.env };
    delete env.VK_ICD_FILENAMES;
    delete env.XDG_RUNTIME_DIR;
    const dir = join(scratchDir(), 'out');
    const args = ['run', '--preset', 'centers', '--particles', '100', '--steps', '5'];
    const outcome = await runCli(cli.main, [...args, '--save', dir], { env });
    expect(outcome.stderr).toBe('');
    expect(outcome.status).toBe(0);
  });

  test('an existing directory keeps its other files; the results are replaced', async () => {
    const { dir } = await runOk(['--preset', 'centers', '--particles', '100', '--steps', '1']);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const again = await runCli(
      cli.main,
      ['run', '--preset', 'centers', '--particles', '200'].concat(['--steps', '1', '--save', dir]),
    );
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readNpy(join(dir, 'positions.npy')).shape).toEqual([200, 2]);
  });
});

/** An order-3 objective touching every branch: n = 0, m < 0, b ≠ 0. */
const MODES: Mode[] = [
  { n: 0, m: 1, a: 0.3, b: -0.2 },
  { n: 1, m: -2, a: 0.4, b: 0.25 },
  { n: 1, m: 0, a: -0.35, b: 0.1 },
  { n: 1, m: 1, a: -0.5, b: 0 },
  { n: 2, m: -1, a: 0.15, b: -0.3 },
  { n: 3, m: 2, a: -0.1, b: 0.12 },
];

describe('each rule agrees with the float64 reference', () => {
  // As in tests/gpu/rules.test.ts: float32 rounding, stretched near saddles, stays under
  // 1e-4 for the worst particle and 1e-6 for the typical one over a few steps.
  const STEPS = 4;
  const scene = {
    objective: { constant: 0, modes: MODES },
    etaG: 0.09,
    etaD: 0.13,
    discriminatorSteps: 3,
    dt: 0.11,
    particles: 2048,
    steps: STEPS,
    seed: 77,
  };

  for (const rule of RULES) {
    test(rule, async () => {
      const sceneFile = join(scratchDir(), 'scene.json');
      writeFileSync(sceneFile, JSON.stringify(scene));
      const { dir } = await runOk([sceneFile, '--rule', rule]);
      const initial = readNpy(join(dir, 'initial.npy')).data;
      const positions = readNpy(join(dir, 'positions.npy')).data;
      const winding = readNpy(join(dir, 'winding.npy')).data;

      const expected = Float64Array.from(initial);
      const turns = new Int32Array(expected.length);
      referenceAdvance(
        { ...JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).scene },
        expected,
        turns,
        STEPS,
      );
      const errors = Float64Array.from(positions, (value, i) =>
        Math.abs(value + TAU * winding[i]! - (expected[i]! + TAU * turns[i]!)),
      ).sort();
      expect(errors[errors.length - 1]).toBeLessThan(1e-4);
      expect(errors[errors.length >> 1]).toBeLessThan(1e-6);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      expect(report.scene.rule).toBe(rule);
    });
  }
});

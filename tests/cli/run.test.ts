/**
 * The built command on small scenes, its files read back: shapes, dtypes and ranges; the
 * same seed giving the same bytes; the split into dispatches changing nothing; and each
 * update rule agreeing with the float64 reference.
 */

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stepsPerDispatch } from '../../src/cli/dispatch';
import { referenceAdvance } from '../../src/math/reference';
import { RULES, type Mode } from '../../src/scene/types';
import { ROOT, CLI_MAIN, lines, numpyPython, readNpy, runCli, scratchDir } from './cli';

const TAU = 2 * Math.PI;

/** Runs the command, expects success, and returns the result directory. */
async function runOk(args: string[]): Promise<{ dir: string; stdout: string; stderr: string }> {
  const dir = join(scratchDir(), 'out');
  const outcome = await runCli(CLI_MAIN, ['run', ...args, '--save', dir]);
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

    // The directory has the mode any new directory gets here (umask), not a private one.
    const sibling = join(dirname(dir), 'sibling');
    mkdirSync(sibling);
    expect(statSync(dir).mode & 0o777).toBe(statSync(sibling).mode & 0o777);
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
    const common = ['--preset', 'gan-exponential', '--particles', '5000', '--steps', '200'];
    const runs = await Promise.all([
      runOk(common),
      runOk([...common, '--steps-per-dispatch', '1']),
      runOk([...common, '--steps-per-dispatch', '7']),
    ]);
    const reports = runs.map(({ dir }) =>
      JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')),
    );
    // The automatic split starts from the work budget and grows from there, as fast
    // dispatches allow: several dispatches, none smaller than the budget but the last.
    const budget = stepsPerDispatch(reports[0].scene);
    expect(budget).toBeLessThan(100);
    expect(reports[0].dispatches).toBeGreaterThan(1);
    expect(reports[0].largestDispatch).toBeGreaterThanOrEqual(budget);
    expect(reports.slice(1).map((report) => report.dispatches)).toEqual([200, 29]);
    for (const name of ['positions.npy', 'winding.npy']) {
      const first = bytes(runs[0]!.dir, name);
      for (const run of runs.slice(1)) expect(bytes(run.dir, name).equals(first)).toBe(true);
    }
  });

  test('runs with VK_ICD_FILENAMES unset or empty and XDG_RUNTIME_DIR unset, quietly', async () => {
    for (const icd of [undefined, '']) {
      const env: NodeJS.ProcessEnv = { ...process.env, VK_ICD_FILENAMES: icd };
      if (icd === undefined) delete env.VK_ICD_FILENAMES;
      delete env.XDG_RUNTIME_DIR;
      const dir = join(scratchDir(), 'out');
      const args = ['run', '--preset', 'centers', '--particles', '100', '--steps', '5'];
      const outcome = await runCli(CLI_MAIN, [...args, '--save', dir], { env });
      expect(outcome.stderr).toBe('');
      expect(outcome.status).toBe(0);
    }
  });

  test('an existing directory keeps its mode and other files; results replaced', async () => {
    const { dir } = await runOk(['--preset', 'centers', '--particles', '100', '--steps', '1']);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    chmodSync(dir, 0o750);
    const args = ['run', '--preset', 'centers', '--particles', '200', '--steps', '1'];
    // Saved through a symbolic link, and as `.` from inside: both name the same directory.
    const link = join(dirname(dir), 'link');
    symlinkSync(dir, link);
    for (const [save, cwd] of [
      [link, ROOT],
      ['.', dir],
    ] as const) {
      const again = await runCli(CLI_MAIN, [...args, '--save', save], { cwd });
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(
        ['initial.npy', 'notes.txt', 'positions.npy', 'report.json', 'winding.npy'].sort(),
      );
      expect(statSync(dir).mode & 0o777).toBe(0o750);
      expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
      expect(readNpy(join(dir, 'positions.npy')).shape).toEqual([200, 2]);
    }
  });
});

/** The README's Python example, as a reader copies it. */
function readmePythonExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```python\n([\s\S]*?)```/.exec(readme);
  if (block === null) throw new Error('README.md has no Python example');
  return block[1]!;
}

test("the README's Python example reads a run's files and measures convergence", async () => {
  const particles = 4000;
  const args = ['--preset', 'spiral', '--particles', String(particles), '--steps', '2000'];
  const { dir } = await runOk(args);
  // The example names its files "out/...": it runs beside the result directory, as in the
  // README, where the run saved into out/.
  const result = spawnSync(numpyPython(), ['-c', readmePythonExample()], {
    cwd: dirname(dir),
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const [adapterLine, convergedLine] = lines(result.stdout);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(adapterLine).toBe(`${report.adapter} ${report.particleStepsPerSecond}`);

  // The same fraction from our own reader: distance on the torus to (0, 0) under 0.01.
  const final = readNpy(join(dir, 'positions.npy')).data;
  const centred = (v: number) => (v > Math.PI ? v - TAU : v);
  let converged = 0;
  for (let i = 0; i < particles; i++) {
    if (Math.hypot(centred(final[2 * i]!), centred(final[2 * i + 1]!)) < 0.01) converged++;
  }
  // After 2000 steps part of the torus has spiralled into (0, 0), and part has not.
  expect(converged).toBeGreaterThan(0);
  expect(converged).toBeLessThan(particles);
  const printed = Number(/^converged within 0\.01: (\S+)$/.exec(convergedLine!)?.[1]);
  expect(printed).toBeCloseTo(converged / particles, 12);
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

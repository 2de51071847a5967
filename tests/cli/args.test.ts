/** The command line's grammar, the dispatch split and the progress bar, without a GPU. */

import { describe, expect, test } from 'vitest';
import { integerOption, parseCommand } from '../../src/cli/args';
import {
  DISPATCH_BUDGET,
  MIN_PARALLEL_PARTICLES,
  stepsPerDispatch,
  workPerParticleStep,
} from '../../src/cli/dispatch';
import { UsageError } from '../../src/cli/errors';
import { clock, progressBar, renderBar } from '../../src/cli/progress';
import { presetById } from '../../src/scene/presets';
import { DEFAULT_SCENE, type Scene } from '../../src/scene/types';

describe('parseCommand', () => {
  test('run with a scene file and every override', () => {
    const command = parseCommand(
      ['run', 's.json', '--save', 'out', '--steps', '2e3', '--particles', '4_000_000'].concat([
        '--seed',
        '0',
        '--rule',
        'flow',
        '--steps-per-dispatch',
        '16',
      ]),
    );
    expect(command).toEqual({
      kind: 'run',
      sceneFile: 's.json',
      preset: null,
      save: 'out',
      overrides: { steps: 2000, particles: 4_000_000, seed: 0, rule: 'flow' },
      stepsPerDispatch: 16,
    });
  });

  test('run with a preset, help, version, bench', () => {
    expect(parseCommand(['run', '--preset', 'spiral', '--save', 'o'])).toMatchObject({
      preset: 'spiral',
      sceneFile: null,
      overrides: {},
      stepsPerDispatch: null,
    });
    for (const args of [[], ['--help'], ['-h'], ['help'], ['run', '--help'], ['bench', '-h']]) {
      expect(parseCommand(args)).toEqual({ kind: 'help' });
    }
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommand(['bench'])).toEqual({ kind: 'bench' });
  });

  test('mistakes are usage errors naming the option', () => {
    const cases: [string[], RegExp][] = [
      [['run', '--preset', 'spiral'], /needs --save DIR/],
      [['run', 'a', 'b', '--save', 'o'], /one scene file, got 2/],
      [['run', '--preset', 'spiral', '--save'], /option --save needs a value/],
      [['run', '--preset', 'spiral', '--save', 'o', '--steps', 'Infinity'], /--steps: /],
      [
        ['run', '--preset', 'spiral', '--save', 'o', '--particles', '-5'],
        /--particles: expected an integer from 1 to 268435456, got "-5"/,
      ],
      [['run', '--preset', 'spiral', '--save', 'o', '--seed', '-1'], /--seed: expected an/],
      [['run', '--preset', 'spiral', '--save', 'o', '--steps-per-dispatch', '0'], /dispatch/],
      [['bench', 'now'], /bench takes no arguments/],
    ];
    for (const [args, message] of cases) {
      expect(() => parseCommand(args)).toThrow(UsageError);
      expect(() => parseCommand(args)).toThrow(message);
    }
  });

  test('integerOption accepts integers in plain, exponent and grouped forms only', () => {
    expect(integerOption('n', '1e6', 0, 1e9)).toBe(1e6);
    expect(integerOption('n', '1_000', 0, 1e9)).toBe(1000);
    expect(integerOption('n', '+7', 0, 1e9)).toBe(7);
    for (const text of ['NaN', '', ' ', '1.5', '0x10', '1e-3', '-2', '1__0', 'Infinity', '2e9']) {
      expect(() => integerOption('n', text, 0, 1e9)).toThrow(/--n: expected an integer/);
    }
  });
});

describe('stepsPerDispatch', () => {
  const scene = (fields: Partial<Scene>): Scene => ({
    ...structuredClone(DEFAULT_SCENE),
    ...fields,
  });

  test('keeps each dispatch within the budget, and whole steps', () => {
    for (const particles of [1, 1e5, 1e6, 4e6, 2 ** 27]) {
      for (const rule of ['agd', 'simultaneous', 'flow'] as const) {
        const s = scene({ particles, rule, steps: 1e6 });
        const per = stepsPerDispatch(s);
        expect(Number.isInteger(per) && per >= 1).toBe(true);
        const lanes = Math.max(particles, MIN_PARALLEL_PARTICLES);
        if (per > 1)
          expect(lanes * per * workPerParticleStep(s)).toBeLessThanOrEqual(DISPATCH_BUDGET);
      }
    }
  });

  test('never more than the run, never fewer than one step', () => {
    expect(stepsPerDispatch(scene({ particles: 10, steps: 3 }))).toBe(3);
    expect(stepsPerDispatch(scene({ particles: 2 ** 28, steps: 100 }))).toBe(1);
    expect(stepsPerDispatch(scene({ particles: 10, steps: 0 }))).toBe(1);
  });

  test('a larger objective gets fewer steps per dispatch', () => {
    const spiral = presetById('spiral')!.build();
    const gan = presetById('gan-exponential')!.build({ order: 8 });
    const at = (s: Scene) => stepsPerDispatch({ ...s, particles: 1e6, steps: 1e6 });
    expect(at(gan)).toBeLessThan(at(spiral));
  });
});

describe('progress bar', () => {
  test('renders counts, percentage, rate and time left within the width', () => {
    const line = renderBar(250, 1000, 1e6, 5, 100);
    expect(line).toMatch(/^steps 250\/1000 \[#+\.+\]  25%  5\.00e\+7 particle-steps\/s  ETA 0:15$/);
    expect(line.length).toBeLessThan(100);
    expect(renderBar(0, 10, 5, 0, 80)).toContain('ETA -:--');
    expect(clock(3725)).toBe('1:02:05');
  });

  test('draws on a terminal, and nothing at all elsewhere', () => {
    const written: string[] = [];
    const terminal = { isTTY: true, columns: 60, write: (text: string) => written.push(text) };
    const bar = progressBar(10, 100, terminal);
    bar.update(10, 1);
    bar.finish();
    expect(written[0]).toMatch(/^\rsteps 10\/10 .*100%/);
    expect(written[written.length - 1]).toBe('\r\x1b[K');

    const piped: string[] = [];
    const silent = progressBar(10, 100, { isTTY: false, write: (text) => piped.push(text) });
    silent.update(5, 1);
    silent.finish();
    expect(piped).toEqual([]);
  });
});

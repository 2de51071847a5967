/**
 * The command line's grammar, the dispatch split, the progress bar and the wording of its
 * messages, without a GPU.
 */

import { describe, expect, test } from 'vitest';
import { integerOption, parseCommand } from '../../src/cli/args';
import {
  DISPATCH_BUDGET,
  MIN_PARALLEL_PARTICLES,
  stepsPerDispatch,
  workPerParticleStep,
} from '../../src/cli/dispatch';
import { UsageError, oneLine, printable } from '../../src/cli/errors';
import { clock, progressBar, renderBar } from '../../src/cli/progress';
import { summaryLine, type RunReport } from '../../src/cli/report';
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
    expect(() => parseCommand([])).toThrow(/^expected a command: run or bench \(see/);
    for (const args of [['--help'], ['-h'], ['help'], ['run', '--help'], ['bench', '-h']]) {
      expect(parseCommand(args)).toEqual({ kind: 'help' });
    }
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommand(['bench'])).toEqual({ kind: 'bench' });
    expect(parseCommand(['run', '--preset', 'spiral', '--save=-o'])).toMatchObject({ save: '-o' });
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
      [
        ['run', '--preset', 'spiral', '--save', '-o'],
        /--save needs a value .* dash as --save=-x\)/,
      ],
      [['run', '--preset', 'spiral', '--save', 'a', '--save', 'b'], /--save given twice/],
      [['run', '--preset', 'spiral', '--preset', 'centers', '--save', 'o'], /--preset given/],
      // What Node makes of a name whose bytes are not UTF-8, such as Latin-1's "é".
      [['run', '--preset', 'spiral', '--save', 'caf\ufffd'], /^--save: "caf\ufffd" holds bytes/],
      [['run', 'sc\ufffdne.json', '--save', 'o'], /^the scene file: .* not UTF-8/],
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
    // Narrower terminals lose the rate, then the time left, then the bar, then the steps;
    // the line always ends 3 columns short, for the terminal's echo of ^C.
    expect(renderBar(250, 1000, 1e6, 5, 52)).toMatch(/^steps 250\/1000 \[#+\.+\]  25%  ETA 0:15$/);
    expect(renderBar(250, 1000, 1e6, 5, 36)).toMatch(/^steps 250\/1000 \[#+\.+\]  25%$/);
    expect(renderBar(250, 1000, 1e6, 5, 22)).toBe('steps 250/1000  25%');
    expect(renderBar(250, 1000, 1e6, 5, 9)).toBe('25%');
    expect(renderBar(250, 1000, 1e6, 5, 5)).toBe('');
    for (const columns of [5, 9, 20, 34, 40, 50, 60, 100]) {
      expect(renderBar(250, 1000, 1e6, 5, columns).length).toBeLessThanOrEqual(columns - 3);
    }
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

    // A pseudo-terminal without a size reports 0 columns: the bar is drawn 80 wide.
    const sizeless: string[] = [];
    const unsized = progressBar(10, 100, {
      isTTY: true,
      columns: 0,
      write: (t) => sizeless.push(t),
    });
    unsized.update(10, 1);
    expect(sizeless[0]).toMatch(/^\rsteps 10\/10 \[#+\] 100% .*\x1b\[K$/);
    expect(sizeless[0]!.length).toBe(1 + 77 + 3);

    const piped: string[] = [];
    const silent = progressBar(10, 100, { isTTY: false, write: (text) => piped.push(text) });
    silent.update(5, 1);
    silent.finish();
    expect(piped).toEqual([]);
  });
});

describe('messages', () => {
  test('an error is one line, with control characters escaped', () => {
    expect(oneLine(new Error('scene.json: bad\n  at line 2'))).toBe('scene.json: bad at line 2');
    expect(oneLine(new Error('got "\u0000\u0000\tx\u001b[31m\u009b2J\u00e9"'))).toBe(
      'got "\\u0000\\u0000 x\\u001b[31m\\u009b2J\u00e9"',
    );
  });

  test('separators and bidirectional controls are escaped, other characters kept', () => {
    // U+202E turns the rest of a line around on screen; U+2028 breaks it in some terminals.
    expect(printable('out\u202egpj.txt\u2028π\u2066')).toBe('out\\u202egpj.txt\\u2028π\\u2066');
    expect(oneLine(new Error('a\u2029b\u200fc'))).toBe('a\\u2029b\\u200fc');
  });

  test('the summary counts in the singular and the plural, and escapes the path', () => {
    const report = {
      particles: 1,
      steps: 2,
      scene: { rule: 'agd' },
      elapsedSeconds: 0.5,
      particleStepsPerSecond: 4,
      adapter: 'a GPU',
    } as RunReport;
    expect(summaryLine('out', report)).toBe(
      'saved out: 1 particle × 2 steps of agd in 0.500 s (4.000e+0 particle-steps/s) on a GPU',
    );
    expect(summaryLine('out', { ...report, particles: 3, steps: 1 })).toMatch(
      /^saved out: 3 particles × 1 step of agd/,
    );
    expect(summaryLine('o\u001b[2Ju\u202et', report)).toMatch(/^saved o\\u001b\[2Ju\\u202et: /);
  });
});

/**
 * The command line's grammar: which command, which scene, which overrides. Pure parsing:
 * nothing here reads a file or touches the GPU, and every mistake is a UsageError (exit 2)
 * that names the option.
 */

import { parseArgs } from 'node:util';
import { MAX_PARTICLES, MAX_SEED, MAX_STEPS } from '../scene/parse';
import { RULES, type Rule } from '../scene/types';
import { UsageError } from './errors';

/** Scene fields the command line may override. */
export interface Overrides {
  steps?: number;
  particles?: number;
  seed?: number;
  rule?: Rule;
}

/** `run`: advance a scene's particles and save the results. */
export interface RunCommand {
  kind: 'run';
  /** Path of the scene file, or null with `preset`. */
  sceneFile: string | null;
  /** Id of a built-in preset, or null with `sceneFile`. */
  preset: string | null;
  /** Directory the result files go into. */
  save: string;
  overrides: Overrides;
  /** Steps per dispatch chosen by the user, or null for the automatic split. */
  stepsPerDispatch: number | null;
}

/** Every command the tool understands. */
export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'bench' } | RunCommand;

const RUN_OPTIONS = {
  save: { type: 'string' },
  preset: { type: 'string' },
  steps: { type: 'string' },
  particles: { type: 'string' },
  seed: { type: 'string' },
  rule: { type: 'string' },
  'steps-per-dispatch': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * An integer option: decimal digits, optionally with an exponent (`1e6`) or `_` between
 * digit groups (`4_000_000`), within [min, max].
 */
export function integerOption(name: string, text: string, min: number, max: number): number {
  const plain = text.replace(/(?<=\d)_(?=\d)/g, '');
  const value = /^\+?\d+(\.\d+)?(e\+?\d+)?$/i.test(plain) ? Number(plain) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** Node's parseArgs messages, rewritten as one short line naming the option. */
function rewriteParseError(error: unknown): never {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Also for `--save -x`: a value that starts with a dash is taken for an option.
    throw new UsageError(
      `option ${option} needs a value (write one that starts with a dash as ${option}=-x)`,
    );
  }
  throw new UsageError(message.split('\n')[0]!);
}

/**
 * `--steps -1` as `--steps=-1`: parseArgs takes a value that starts with a dash for another
 * option, while a negative number deserves the range message of its option.
 */
function attachNegativeValues(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.startsWith('--') ? args[i]!.slice(2) : '';
    const option = RUN_OPTIONS[name as keyof typeof RUN_OPTIONS];
    const next = args[i + 1];
    if (option?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else {
      joined.push(args[i]!);
    }
  }
  return joined;
}

/**
 * Refuses a path that was not valid UTF-8: Node decodes the command line as UTF-8 and puts
 * U+FFFD in place of the bytes it cannot read, so the file it would open or create is not
 * the one named.
 */
function checkEncodable(what: string, path: string): void {
  if (path.includes('\ufffd')) {
    throw new UsageError(
      `${what}: ${JSON.stringify(path)} holds bytes that are not UTF-8 (shown as \ufffd), ` +
        'which Node cannot pass on as they are; choose a UTF-8 name',
    );
  }
}

function parseRun(args: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: attachNegativeValues(args),
      options: RUN_OPTIONS,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    rewriteParseError(error);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { kind: 'help' };
  // parseArgs keeps the last of repeated options; `--save a --save b` is more likely a
  // mistake than a wish, and guessing could write where the user did not mean to.
  const given = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  const repeated = given.find((name, i) => given.indexOf(name) !== i);
  if (repeated !== undefined) throw new UsageError(`--${repeated} given twice; give it once`);
  if (positionals.length > 1) {
    throw new UsageError(`run takes one scene file, got ${positionals.length}`);
  }
  const sceneFile = positionals[0] ?? null;
  const preset = values.preset ?? null;
  if (sceneFile !== null && preset !== null) {
    throw new UsageError('give a scene file or --preset NAME, not both');
  }
  if (sceneFile === null && preset === null) {
    throw new UsageError('run needs a scene file or --preset NAME');
  }
  if (values.save === undefined || values.save === '') {
    throw new UsageError('run needs --save DIR, the directory to write the results into');
  }
  checkEncodable('--save', values.save);
  if (sceneFile !== null) checkEncodable('the scene file', sceneFile);

  const overrides: Overrides = {};
  if (values.steps !== undefined) {
    overrides.steps = integerOption('steps', values.steps, 0, MAX_STEPS);
  }
  if (values.particles !== undefined) {
    overrides.particles = integerOption('particles', values.particles, 1, MAX_PARTICLES);
  }
  if (values.seed !== undefined) overrides.seed = integerOption('seed', values.seed, 0, MAX_SEED);
  if (values.rule !== undefined) {
    if (!RULES.includes(values.rule as Rule)) {
      throw new UsageError(
        `--rule: expected one of ${RULES.join(', ')}, got ${JSON.stringify(values.rule)}`,
      );
    }
    overrides.rule = values.rule as Rule;
  }
  const split = values['steps-per-dispatch'];
  const stepsPerDispatch =
    split === undefined ? null : integerOption('steps-per-dispatch', split, 1, MAX_STEPS);
  return { kind: 'run', sceneFile, preset, save: values.save, overrides, stepsPerDispatch };
}

/** Parses the arguments after the program's name. */
export function parseCommand(args: readonly string[]): Command {
  const [first, ...rest] = args;
  switch (first) {
    case undefined:
      throw new UsageError('expected a command: run or bench');
    case 'help':
    case '--help':
    case '-h':
      return { kind: 'help' };
    case '--version':
      return { kind: 'version' };
    case 'run':
      return parseRun(rest);
    case 'bench':
      if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help' };
      if (rest.length > 0) throw new UsageError(`bench takes no arguments, got ${rest[0]}`);
      return { kind: 'bench' };
    default:
      throw new UsageError(`unknown command ${JSON.stringify(first)}: expected run or bench`);
  }
}

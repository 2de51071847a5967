/**
 * Validation of the scene's JSON form (DESIGN 3.1). A scene file, a URL or the command line
 * hands us untrusted data; `parseScene` turns it into a `Scene` or throws a `SceneError`
 * whose message names the offending field by its path, so a person can fix the file.
 */

import {
  DEFAULT_SCENE,
  MAX_MODES,
  MAX_ORDER,
  RULES,
  cloneScene,
  type Mode,
  type Objective,
  type Rule,
  type Scene,
  type Start,
} from './types';

/** A scene that cannot be used; the message starts with the field path, e.g. `etaG: ...`. */
export class SceneError extends Error {
  override name = 'SceneError';
}

/** Largest particle count a scene may ask for: 2^28. */
export const MAX_PARTICLES = 2 ** 28;
/** Largest step count of a command-line run. */
export const MAX_STEPS = 1e9;
/** Seeds are unsigned 32-bit integers, as the GPU's integer hash takes them. */
export const MAX_SEED = 2 ** 32 - 1;
/** Most discriminator steps per generator step. */
export const MAX_DISCRIMINATOR_STEPS = 64;
/** Largest side of a grid start, in particles. */
export const MAX_GRID_SIDE = 65536;

type Json = Record<string, unknown>;

/** A short, readable rendering of a rejected value for error messages. */
function show(value: unknown): string {
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 37)}..."` : text;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function fail(path: string, expected: string, value: unknown): never {
  throw new SceneError(`${path}: expected ${expected}, got ${show(value)}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws on the first key of `obj` not in `known`; `prefix` is the object's path. */
function rejectUnknown(obj: Json, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      throw new SceneError(`${path}: unknown field (expected one of ${known.join(', ')})`);
    }
  }
}

/**
 * The largest magnitude a number of the scene may have: float32's largest, since the GPU
 * computes in float32 and a larger value would reach it as infinity.
 */
export const MAX_MAGNITUDE = 3.4028234663852886e38;

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(path, 'a finite number', value);
  }
  return withinFloat32(value, path);
}

/**
 * The smallest positive number of the scene: float32's smallest normal one, 2^-126. Below
 * it a value becomes 0 in float32, or a subnormal that GPUs may flush to 0, and a step
 * size of 0 would leave every particle where it is.
 */
export const MIN_POSITIVE = 1.1754943508222875e-38;

function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(path, 'a finite number > 0', value);
  }
  if (value < MIN_POSITIVE) {
    throw new SceneError(
      `${path}: ${value} is 0 in float32, in which the GPU computes ` +
        '(a positive number is at least 1.2e-38)',
    );
  }
  return withinFloat32(value, path);
}

function withinFloat32(value: number, path: string): number {
  if (Math.abs(value) > MAX_MAGNITUDE) {
    throw new SceneError(
      `${path}: ${value} is beyond float32's range, in which the GPU computes ` +
        '(magnitude at most 3.4e38)',
    );
  }
  return value;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/**
 * The canonical form of a list of modes (DESIGN 3.1). cos and sin of n x + m y equal cos
 * and −sin of (−n)x + (−m)y, so a mode with n < 0, or n = 0 and m < 0, is moved onto its
 * partner (−n, −m) with b negated; modes with the same (n, m) are then summed, and the
 * result is sorted by n, then m. Two lists describing the same function give equal output.
 * The zero mode (0, 0) is not handled here: it belongs in the constant.
 */
export function foldModes(modes: readonly Mode[]): Mode[] {
  const byKey = new Map<string, Mode>();
  for (const mode of modes) {
    const flip = mode.n < 0 || (mode.n === 0 && mode.m < 0);
    // `0 - v` rather than `-v`: keeps a zero coefficient +0, so folded scenes compare equal.
    const n = flip ? 0 - mode.n : mode.n;
    const m = flip ? 0 - mode.m : mode.m;
    const b = flip ? 0 - mode.b : mode.b;
    const key = `${n},${m}`;
    const seen = byKey.get(key);
    if (seen === undefined) {
      byKey.set(key, { n, m, a: mode.a, b });
    } else {
      seen.a += mode.a;
      seen.b += b;
    }
  }
  return [...byKey.values()].sort((p, q) => p.n - q.n || p.m - q.m);
}

function parseMode(value: unknown, path: string): Mode {
  if (!isObject(value)) fail(path, 'an object {n, m, a, b}', value);
  rejectUnknown(value, ['n', 'm', 'a', 'b'], path);
  const n = integer(value.n, `${path}.n`, -MAX_ORDER, MAX_ORDER);
  const m = integer(value.m, `${path}.m`, -MAX_ORDER, MAX_ORDER);
  if (n === 0 && m === 0) {
    throw new SceneError(`${path}: (n, m) = (0, 0) is the constant; put it in objective.constant`);
  }
  // A missing coefficient is 0, so `{ "n": 1, "m": 0, "a": 1 }` is the mode cos x.
  const a = value.a === undefined ? 0 : finite(value.a, `${path}.a`);
  const b = value.b === undefined ? 0 : finite(value.b, `${path}.b`);
  return { n, m, a, b };
}

function parseObjective(value: unknown): Objective {
  if (value === undefined) {
    const { constant, modes } = DEFAULT_SCENE.objective;
    return { constant, modes: foldModes(modes) };
  }
  if (!isObject(value)) fail('objective', 'an object {constant, modes}', value);
  rejectUnknown(value, ['constant', 'modes'], 'objective');
  const constant =
    value.constant === undefined
      ? DEFAULT_SCENE.objective.constant
      : finite(value.constant, 'objective.constant');
  // Inside a given objective the modes are required: silently adding the default
  // spiral's modes to a user's objective would be a surprise.
  if (!Array.isArray(value.modes)) fail('objective.modes', 'an array of modes', value.modes);
  const raw = value.modes.map((mode, i) => parseMode(mode, `objective.modes[${i}]`));
  const modes = foldModes(raw);
  if (modes.length > MAX_MODES) {
    throw new SceneError(
      `objective.modes: expected at most ${MAX_MODES} distinct modes, got ${modes.length}`,
    );
  }
  return { constant, modes };
}

function parseRule(value: unknown): Rule {
  if (!RULES.includes(value as Rule)) {
    fail('rule', `one of ${RULES.map((r) => JSON.stringify(r)).join(', ')}`, value);
  }
  return value as Rule;
}

function parsePair(value: unknown, path: string, parse: (v: unknown, p: string) => number) {
  if (!Array.isArray(value) || value.length !== 2) fail(path, 'an array of two numbers', value);
  return [parse(value[0], `${path}[0]`), parse(value[1], `${path}[1]`)] as [number, number];
}

function parseStart(value: unknown): Start {
  if (value === undefined) return structuredClone(DEFAULT_SCENE.start);
  if (!isObject(value)) fail('start', 'an object with a "kind"', value);
  switch (value.kind) {
    case 'uniform':
      rejectUnknown(value, ['kind'], 'start');
      return { kind: 'uniform' };
    case 'disk': {
      rejectUnknown(value, ['kind', 'center', 'radius'], 'start');
      const center = parsePair(value.center, 'start.center', finite);
      return { kind: 'disk', center, radius: positive(value.radius, 'start.radius') };
    }
    case 'grid': {
      rejectUnknown(value, ['kind', 'size'], 'start');
      const side = (v: unknown, p: string) => integer(v, p, 1, MAX_GRID_SIDE);
      const size = parsePair(value.size, 'start.size', side);
      // The shader counts cells in 32-bit integers.
      if (size[0] * size[1] > MAX_PARTICLES) {
        const cells = `${size[0]} × ${size[1]}`;
        throw new SceneError(`start.size: ${cells} cells, more than the ${MAX_PARTICLES} allowed`);
      }
      return { kind: 'grid', size };
    }
    default:
      return fail('start.kind', 'one of "uniform", "disk", "grid"', value.kind);
  }
}

const SCENE_FIELDS = [
  'objective',
  'rule',
  'etaG',
  'etaD',
  'discriminatorSteps',
  'dt',
  'particles',
  'steps',
  'seed',
  'start',
] as const satisfies readonly (keyof Scene)[];

/**
 * Validates a scene in its JSON form (already parsed from text) and returns a fresh `Scene`
 * with every missing field taken from `DEFAULT_SCENE` and the modes folded (`foldModes`).
 * Throws a `SceneError` naming the field for unknown fields, wrong types, non-finite
 * numbers and out-of-range values.
 */
export function parseScene(json: unknown): Scene {
  if (!isObject(json)) fail('scene', 'an object', json);
  rejectUnknown(json, SCENE_FIELDS, '');
  const d = cloneScene(DEFAULT_SCENE);
  const given = <T>(key: keyof Scene, parse: (v: unknown) => T, fallback: T): T =>
    json[key] === undefined ? fallback : parse(json[key]);

  return {
    objective: parseObjective(json.objective),
    rule: given('rule', parseRule, d.rule),
    etaG: given('etaG', (v) => positive(v, 'etaG'), d.etaG),
    etaD: given('etaD', (v) => positive(v, 'etaD'), d.etaD),
    discriminatorSteps: given(
      'discriminatorSteps',
      (v) => integer(v, 'discriminatorSteps', 1, MAX_DISCRIMINATOR_STEPS),
      d.discriminatorSteps,
    ),
    dt: given('dt', (v) => positive(v, 'dt'), d.dt),
    particles: given('particles', (v) => integer(v, 'particles', 1, MAX_PARTICLES), d.particles),
    steps: given('steps', (v) => integer(v, 'steps', 0, MAX_STEPS), d.steps),
    seed: given('seed', (v) => integer(v, 'seed', 0, MAX_SEED), d.seed),
    start: parseStart(json.start),
  };
}

/** The scene as a scene file: pretty JSON, 2-space indent, with a final newline. */
export function sceneToJSON(scene: Scene): string {
  return `${JSON.stringify(scene, null, 2)}\n`;
}

/** Parses the text of a scene file; a JSON syntax error becomes a `SceneError` too. */
export function parseSceneText(text: string): Scene {
  let json: unknown;
  try {
    // Editors on some systems start UTF-8 files with a byte-order mark; JSON has none.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SceneError(`scene file is not valid JSON: ${(error as Error).message}`);
  }
  return parseScene(json);
}

import { describe, expect, it } from 'vitest';
import {
  SceneError,
  foldModes,
  parseScene,
  parseSceneText,
  sceneToJSON,
} from '../../src/scene/parse';
import { DEFAULT_SCENE, MAX_MODES, type Scene } from '../../src/scene/types';

/** The message of the SceneError that parsing `json` throws. */
function rejection(json: unknown): string {
  try {
    parseScene(json);
  } catch (error) {
    expect(error).toBeInstanceOf(SceneError);
    return (error as Error).message;
  }
  throw new Error('expected a SceneError');
}

const oneMode = { constant: 0, modes: [{ n: 1, m: 0, a: 1, b: 0 }] };

describe('parseScene defaults', () => {
  it('fills every field of an empty object from DEFAULT_SCENE, modes folded', () => {
    const scene = parseScene({});
    const { objective, ...rest } = scene;
    const { objective: defaultObjective, ...defaultRest } = DEFAULT_SCENE;
    expect(rest).toEqual(defaultRest);
    expect(objective.constant).toBe(defaultObjective.constant);
    expect(objective.modes).toEqual([
      { n: 0, m: 1, a: 0.1, b: 0 },
      { n: 1, m: -1, a: 0.5, b: 0 },
      { n: 1, m: 0, a: -0.1, b: 0 },
      { n: 1, m: 1, a: -0.5, b: 0 },
    ]);
  });

  it('keeps given fields and fills only the missing ones', () => {
    const scene = parseScene({ rule: 'flow', dt: 0.01, objective: { modes: [] } });
    expect(scene.rule).toBe('flow');
    expect(scene.dt).toBe(0.01);
    expect(scene.objective).toEqual({ constant: 0, modes: [] });
    expect(scene.etaG).toBe(DEFAULT_SCENE.etaG);
    expect(scene.particles).toBe(DEFAULT_SCENE.particles);
  });

  it('defaults a missing a or b of a mode to 0', () => {
    const scene = parseScene({ objective: { modes: [{ n: 2, m: 1, b: 0.5 }] } });
    expect(scene.objective.modes).toEqual([{ n: 2, m: 1, a: 0, b: 0.5 }]);
  });

  it('returns a fresh object, not DEFAULT_SCENE itself', () => {
    const scene = parseScene({});
    scene.start = { kind: 'grid', size: [2, 2] };
    scene.objective.modes[0].a = 99;
    expect(DEFAULT_SCENE.start).toEqual({ kind: 'uniform' });
    expect(DEFAULT_SCENE.objective.modes.every((m) => m.a !== 99)).toBe(true);
  });

  it('accepts every field at the ends of its range', () => {
    const scene: Scene = {
      objective: { constant: -3, modes: [{ n: 0, m: 8, a: 1, b: 2 }] },
      rule: 'agd-generator-first',
      // float32's smallest normal number and its largest.
      etaG: 1.1754943508222875e-38,
      etaD: 3.4028234663852886e38,
      discriminatorSteps: 64,
      dt: 1.1754943508222875e-38,
      particles: 2 ** 28,
      steps: 0,
      seed: 2 ** 32 - 1,
      start: { kind: 'grid', size: [1, 65536] },
    };
    expect(parseScene(scene)).toEqual(scene);
    const disk = { kind: 'disk', center: [-1, 7], radius: 0.5 };
    expect(parseScene({ start: disk }).start).toEqual(disk);
  });
});

describe('parseScene rejections name the field', () => {
  it('rejects a non-object scene', () => {
    expect(rejection([])).toBe('scene: expected an object, got an array of length 0');
    expect(rejection('x')).toBe('scene: expected an object, got "x"');
  });

  it('rejects unknown fields at every level', () => {
    expect(rejection({ etaX: 1 })).toMatch(/^etaX: unknown field/);
    expect(rejection({ objective: { ...oneMode, extra: 1 } })).toMatch(
      /^objective\.extra: unknown field/,
    );
    expect(
      rejection({ objective: { modes: [oneMode.modes[0], { n: 1, m: 1, a: 0, c: 1 }] } }),
    ).toMatch(/^objective\.modes\[1\]\.c: unknown field/);
    expect(rejection({ start: { kind: 'uniform', radius: 1 } })).toMatch(
      /^start\.radius: unknown field/,
    );
    expect(rejection({ start: { kind: 'grid', size: [2, 2], center: [0, 0] } })).toMatch(
      /^start\.center: unknown field/,
    );
  });

  it('rejects wrong types', () => {
    expect(rejection({ etaG: '0.1' })).toBe('etaG: expected a finite number > 0, got "0.1"');
    expect(rejection({ rule: 'adam' })).toBe(
      'rule: expected one of "agd", "agd-generator-first", "simultaneous", "flow", got "adam"',
    );
    expect(rejection({ objective: [] })).toMatch(/^objective: expected an object/);
    expect(rejection({ objective: { constant: 1 } })).toMatch(/^objective\.modes: expected an/);
    expect(rejection({ objective: { modes: [3] } })).toMatch(/^objective\.modes\[0\]: expected/);
    expect(rejection({ start: { kind: 'disk', center: [0], radius: 1 } })).toBe(
      'start.center: expected an array of two numbers, got an array of length 1',
    );
    expect(rejection({ start: { kind: 'ring' } })).toBe(
      'start.kind: expected one of "uniform", "disk", "grid", got "ring"',
    );
    expect(rejection({ seed: true })).toMatch(/^seed: expected an integer from 0 to 4294967295/);
  });

  it('rejects non-finite numbers', () => {
    const modes = [oneMode.modes[0], oneMode.modes[0], { n: 1, m: 1, a: 'NaN', b: 0 }];
    expect(rejection({ objective: { modes } })).toBe(
      'objective.modes[2].a: expected a finite number, got "NaN"',
    );
    expect(rejection({ objective: { modes: [{ n: 1, m: 1, a: 0, b: Infinity }] } })).toBe(
      'objective.modes[0].b: expected a finite number, got Infinity',
    );
    expect(rejection({ objective: { constant: NaN, modes: [] } })).toBe(
      'objective.constant: expected a finite number, got NaN',
    );
    expect(rejection({ dt: Infinity })).toBe('dt: expected a finite number > 0, got Infinity');
    expect(rejection({ start: { kind: 'disk', center: [0, NaN], radius: 1 } })).toBe(
      'start.center[1]: expected a finite number, got NaN',
    );
  });

  it('rejects out-of-range values', () => {
    expect(rejection({ particles: 0 })).toBe(
      'particles: expected an integer from 1 to 268435456, got 0',
    );
    expect(rejection({ particles: 2 ** 28 + 1 })).toMatch(/^particles: .* got 268435457$/);
    expect(rejection({ particles: 1.5 })).toMatch(/^particles: .* got 1\.5$/);
    expect(rejection({ etaD: 0 })).toBe('etaD: expected a finite number > 0, got 0');
    expect(rejection({ etaG: 1e39 })).toBe(
      "etaG: 1e+39 is beyond float32's range, in which the GPU computes (magnitude at most 3.4e38)",
    );
    expect(rejection({ objective: { constant: -1e308, modes: [] } })).toMatch(
      /^objective\.constant: -1e\+308 is beyond float32's range/,
    );
    expect(rejection({ etaG: -0.1 })).toBe('etaG: expected a finite number > 0, got -0.1');
    expect(rejection({ etaD: 1e-300 })).toBe(
      'etaD: 1e-300 is 0 in float32, in which the GPU computes ' +
        '(a positive number is at least 1.2e-38)',
    );
    expect(rejection({ dt: 5e-324 })).toMatch(/^dt: 5e-324 is 0 in float32/);
    expect(rejection({ discriminatorSteps: 65 })).toMatch(/^discriminatorSteps: .*1 to 64/);
    expect(rejection({ discriminatorSteps: 0 })).toMatch(/^discriminatorSteps: .* got 0$/);
    expect(rejection({ steps: -1 })).toMatch(/^steps: expected an integer from 0 to 1000000000/);
    expect(rejection({ seed: 2 ** 32 })).toMatch(/^seed: .* got 4294967296$/);
    expect(rejection({ seed: -1 })).toMatch(/^seed: .* got -1$/);
    expect(rejection({ start: { kind: 'disk', center: [0, 0], radius: 0 } })).toBe(
      'start.radius: expected a finite number > 0, got 0',
    );
    expect(rejection({ start: { kind: 'grid', size: [0, 4] } })).toBe(
      'start.size[0]: expected an integer from 1 to 65536, got 0',
    );
    expect(rejection({ start: { kind: 'grid', size: [4, 65537] } })).toMatch(/^start\.size\[1\]/);
    expect(rejection({ start: { kind: 'grid', size: [65536, 4097] } })).toBe(
      'start.size: 65536 × 4097 cells, more than the 268435456 allowed',
    );
  });

  it('rejects mode frequencies out of range and the (0, 0) mode', () => {
    expect(rejection({ objective: { modes: [{ n: 9, m: 0, a: 1, b: 0 }] } })).toBe(
      'objective.modes[0].n: expected an integer from -8 to 8, got 9',
    );
    expect(rejection({ objective: { modes: [{ n: 1, m: -9, a: 1, b: 0 }] } })).toMatch(
      /^objective\.modes\[0\]\.m: .* got -9$/,
    );
    expect(rejection({ objective: { modes: [{ n: 0.5, m: 1, a: 1, b: 0 }] } })).toMatch(
      /^objective\.modes\[0\]\.n: .* got 0\.5$/,
    );
    expect(rejection({ objective: { modes: [{ n: 0, m: 0, a: 1, b: 0 }] } })).toMatch(
      /^objective\.modes\[0\]: \(n, m\) = \(0, 0\)/,
    );
  });

  it('counts modes after folding against MAX_MODES', () => {
    const all = [];
    for (let n = 0; n <= 8; n++) {
      for (let m = n === 0 ? 1 : -8; m <= 8; m++) all.push({ n, m, a: 1, b: 0 });
    }
    expect(all.length).toBe(MAX_MODES);
    // Every mode twice, once as its partner: folds back to MAX_MODES, so it is accepted.
    const doubled = [...all, ...all.map(({ n, m }) => ({ n: -n, m: -m, a: 1, b: 1 }))];
    expect(parseScene({ objective: { modes: doubled } }).objective.modes).toHaveLength(MAX_MODES);
  });
});

describe('foldModes', () => {
  it('maps n < 0 onto (−n, −m) with b negated', () => {
    expect(foldModes([{ n: -1, m: 2, a: 0.3, b: 0.7 }])).toEqual([
      { n: 1, m: -2, a: 0.3, b: -0.7 },
    ]);
  });

  it('maps n = 0, m < 0 onto (0, −m) with b negated', () => {
    expect(foldModes([{ n: 0, m: -1, a: 0.25, b: -2 }])).toEqual([{ n: 0, m: 1, a: 0.25, b: 2 }]);
  });

  it('keeps canonical modes, including n > 0 with m < 0', () => {
    const mode = { n: 2, m: -3, a: 1, b: -1 };
    expect(foldModes([mode])).toEqual([mode]);
  });

  it('sums duplicates after folding and sorts by n then m', () => {
    const folded = foldModes([
      { n: 1, m: 1, a: 1, b: 2 },
      { n: 0, m: 2, a: 5, b: 0 },
      { n: -1, m: -1, a: 0.5, b: 0.25 }, // partner of (1, 1): a adds, b subtracts
      { n: 1, m: -1, a: 3, b: 0 },
      { n: 1, m: 1, a: 0.125, b: 0 },
    ]);
    expect(folded).toEqual([
      { n: 0, m: 2, a: 5, b: 0 },
      { n: 1, m: -1, a: 3, b: 0 },
      { n: 1, m: 1, a: 1.625, b: 1.75 },
    ]);
  });

  it('describes the same function before and after', () => {
    const modes = [
      { n: -2, m: 1, a: 0.4, b: -0.3 },
      { n: 0, m: -3, a: -0.2, b: 0.9 },
      { n: 2, m: -1, a: 0.1, b: 0.6 },
    ];
    const f = (list: typeof modes, x: number, y: number) =>
      list.reduce(
        (s, { n, m, a, b }) => s + a * Math.cos(n * x + m * y) + b * Math.sin(n * x + m * y),
        0,
      );
    const folded = foldModes(modes);
    expect(folded).toHaveLength(2);
    for (const [x, y] of [
      [0.3, 1.1],
      [2.5, 5.9],
      [4.0, 0.2],
    ]) {
      expect(f(folded, x, y)).toBeCloseTo(f(modes, x, y), 14);
    }
  });

  it('does not change its input', () => {
    const modes = [{ n: -1, m: 0, a: 1, b: 1 }];
    foldModes(modes);
    expect(modes).toEqual([{ n: -1, m: 0, a: 1, b: 1 }]);
  });
});

describe('scene files', () => {
  it('round-trips through sceneToJSON and parseSceneText', () => {
    const scene = parseScene({ rule: 'simultaneous', etaG: 0.1 + 0.2, seed: 7 });
    const text = sceneToJSON(scene);
    expect(text).toContain('\n  "rule": "simultaneous",\n');
    expect(parseSceneText(text)).toEqual(scene);
  });

  it('turns a JSON syntax error into a SceneError', () => {
    expect(() => parseSceneText('{"rule": "flow",}')).toThrow(SceneError);
    expect(() => parseSceneText('{"rule": ')).toThrow(/^scene file is not valid JSON: /);
  });

  it('passes validation errors through', () => {
    expect(() => parseSceneText('{"particles": 0}')).toThrow(/^particles: /);
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    expect(parseSceneText('\uFEFF{"seed": 3}').seed).toBe(3);
  });
});

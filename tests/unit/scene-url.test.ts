import { describe, expect, it } from 'vitest';
import { SceneError, parseScene } from '../../src/scene/parse';
import { sceneFromHash, sceneToHash } from '../../src/scene/url';

function hashOf(text: string): string {
  const base64 = Buffer.from(text, 'utf8').toString('base64url');
  return `#scene=${base64}`;
}

describe('scene in the URL', () => {
  it('round-trips float64 numbers exactly', () => {
    const scene = parseScene({
      objective: {
        constant: 0.1 + 0.2,
        modes: [
          { n: 1, m: -3, a: Math.PI / 7, b: -5e-324 },
          { n: 0, m: 2, a: 3.4028234663852886e38, b: 1 / 3 },
        ],
      },
      etaG: Math.E * 1e-7,
      dt: 2 ** -40 + 2 ** -92,
      start: { kind: 'disk', center: [Math.SQRT2, 6.283185307179586], radius: 0.1 },
    });
    const back = sceneFromHash(sceneToHash(scene));
    expect(back).toEqual(scene);
    // Folding sorted (0, 2) first; the denormal is the sine coefficient of (1, −3).
    expect(Object.is(back!.objective.modes[1].b, -5e-324)).toBe(true);
    expect(back!.dt).toBe(2 ** -40 + 2 ** -92);
  });

  it('writes #scene= and base64url characters only', () => {
    const hash = sceneToHash(parseScene({}));
    expect(hash).toMatch(/^#scene=[A-Za-z0-9_-]+$/);
    expect(Buffer.from(hash.slice(7), 'base64url').toString('utf8')).toBe(
      JSON.stringify(parseScene({})),
    );
  });

  it('reads the hash with or without #, among other parts', () => {
    const scene = parseScene({ rule: 'flow', seed: 42 });
    const hash = sceneToHash(scene);
    expect(sceneFromHash(hash.slice(1))).toEqual(scene);
    expect(sceneFromHash(`#view=torus&${hash.slice(1)}&x=1`)).toEqual(scene);
  });

  it('returns null when the hash carries no scene', () => {
    expect(sceneFromHash('')).toBeNull();
    expect(sceneFromHash('#')).toBeNull();
    expect(sceneFromHash('#view=torus')).toBeNull();
    expect(sceneFromHash('#scenes=abc')).toBeNull();
  });

  it('rejects bad base64url', () => {
    expect(() => sceneFromHash('#scene=ab+c')).toThrow(SceneError);
    expect(() => sceneFromHash('#scene=ab%3D')).toThrow(/not valid base64url/);
    expect(() => sceneFromHash('#scene=abcde')).toThrow(/not valid base64url/);
  });

  it('rejects bad JSON and bad UTF-8', () => {
    expect(() => sceneFromHash(hashOf('{"rule": "flow"'))).toThrow(
      /^scene in the URL is not valid JSON: /,
    );
    const notUtf8 = `#scene=${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}`;
    expect(() => sceneFromHash(notUtf8)).toThrow(/not valid JSON/);
  });

  it('rejects an invalid scene, naming the field', () => {
    expect(() => sceneFromHash(hashOf('{"particles": 0}'))).toThrow(
      'scene in the URL is invalid: particles: expected an integer from 1 to 268435456, got 0',
    );
    expect(() => sceneFromHash(hashOf('[1]'))).toThrow(SceneError);
  });
});

/**
 * The result directory on its own, without a GPU: a new one appears whole, an existing one
 * gets all the new files or keeps all the old ones, and a directory made by someone else
 * during the run is written into, not replaced. A failing rename is injected by wrapping
 * node:fs.
 */

import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ResultDir } from '../../src/cli/output';
import { entries, scratchDir } from './cli';

/** The next rename to this path fails with EPERM, once. */
let failRenamesTo: string | null = null;

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (failRenamesTo !== null && String(to) === failRenamesTo) {
        failRenamesTo = null;
        throw Object.assign(new Error(`EPERM: rename ${String(to)}`), { code: 'EPERM' });
      }
      real.renameSync(from, to);
    },
  };
});

afterEach(() => {
  failRenamesTo = null;
});

const NAMES = ['a.txt', 'b.txt', 'c.txt'];

async function writeAll(output: ResultDir, text: string): Promise<void> {
  for (const name of NAMES) await output.writeText(name, `${text} ${name}`);
}

const read = (dir: string, name: string) => fs.readFileSync(join(dir, name), 'utf8');

describe('ResultDir', () => {
  test('a new directory appears whole, with the mode new directories get', async () => {
    const parent = scratchDir();
    const target = join(parent, 'x'.repeat(250));
    const output = ResultDir.open(target, NAMES);
    await writeAll(output, 'new');
    expect(fs.existsSync(target)).toBe(false);
    output.commit();
    expect(entries(target)).toEqual(NAMES);
    fs.mkdirSync(join(parent, 'sibling'));
    const mode = (path: string) => fs.statSync(path).mode & 0o777;
    expect(mode(target)).toBe(mode(join(parent, 'sibling')));
  });

  test('an existing directory gets all the new files, or keeps all the old ones', async () => {
    const target = scratchDir();
    for (const name of NAMES) fs.writeFileSync(join(target, name), `old ${name}`);
    fs.writeFileSync(join(target, 'notes'), 'mine');

    const failing = ResultDir.open(target, NAMES);
    await writeAll(failing, 'new');
    // The last file cannot be moved in, after the first two were.
    failRenamesTo = join(target, 'c.txt');
    expect(() => failing.commit()).toThrow(/c\.txt: cannot replace it \(EPERM\); the directory/);
    failing.discard();
    expect(entries(target)).toEqual([...NAMES, 'notes']);
    for (const name of NAMES) expect(read(target, name)).toBe(`old ${name}`);

    const working = ResultDir.open(target, NAMES);
    await writeAll(working, 'new');
    working.commit();
    expect(entries(target)).toEqual([...NAMES, 'notes']);
    for (const name of NAMES) expect(read(target, name)).toBe(`new ${name}`);
    expect(read(target, 'notes')).toBe('mine');
  });

  test('a directory someone made during the run is written into, not replaced', async () => {
    const target = join(scratchDir(), 'out');
    const output = ResultDir.open(target, NAMES);
    await writeAll(output, 'new');
    fs.mkdirSync(target, { mode: 0o750 });
    fs.chmodSync(target, 0o750);
    fs.writeFileSync(join(target, 'theirs'), 'kept');
    output.commit();
    expect(entries(target)).toEqual([...NAMES, 'theirs']);
    expect(fs.statSync(target).mode & 0o777).toBe(0o750);
  });

  test('a symbolic link to nothing is refused before anything is written', () => {
    const parent = scratchDir();
    fs.symlinkSync(join(parent, 'nowhere'), join(parent, 'link'));
    expect(() => ResultDir.open(join(parent, 'link'), NAMES)).toThrow(
      /link: a symbolic link to nothing; create its target first/,
    );
    expect(entries(parent)).toEqual(['link']);
    // As a parent of the target too, where it would otherwise fail with EEXIST.
    expect(() => ResultDir.open(join(parent, 'link', 'out'), NAMES)).toThrow(
      /link: a symbolic link to nothing; create its target$/,
    );
    expect(entries(parent)).toEqual(['link']);
  });
});

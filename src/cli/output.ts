/**
 * The result directory of a run, written so that a failure leaves nothing half-written: the
 * files go into a hidden staging directory on the same file system (so that renaming is
 * atomic) and move into place only when all of them are complete. A new target is the
 * staging directory itself, renamed; into an existing one, which keeps its mode, owner and
 * other files, the files move one by one, and all of them or none.
 */

import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
} from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CliError, printable } from './errors';
import { npyHeader, type NpyArray } from './npy';

/** A result directory being written. */
export class ResultDir {
  /** The directory the results end up in, as the user named it. */
  readonly target: string;
  /** The hidden directory they are written into first. */
  readonly staging: string;
  /** The files a run writes, checked before it starts and moved at the end. */
  private readonly names: readonly string[];
  /** Whether the target existed: the files then move into it one by one. */
  private readonly existed: boolean;
  /** Ancestors of the target that did not exist and were made for it, outermost first. */
  private readonly madeParents: string[];
  /** Set when the staging directory holds the only copy of old results: never removed. */
  private kept = false;

  private constructor(
    target: string,
    names: readonly string[],
    layout: { staging: string; existed: boolean; madeParents: string[] },
  ) {
    this.target = target;
    this.names = names;
    this.staging = layout.staging;
    this.existed = layout.existed;
    this.madeParents = layout.madeParents;
  }

  /**
   * Checks that `target` can receive the files `names` and creates the staging directory
   * (and any missing parents), before any long computation; throws a CliError otherwise.
   */
  static open(target: string, names: readonly string[]): ResultDir {
    const absolute = resolve(target);
    let existed = false;
    try {
      existed = statSync(absolute).isDirectory();
      if (!existed) {
        throw new CliError(
          `${printable(target)}: exists and is not a directory; choose another --save`,
        );
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asCliError(target, error);
      if (isLink(absolute)) {
        throw new CliError(
          `${printable(target)}: a symbolic link to nothing; create its target first`,
        );
      }
    }
    const madeParents: string[] = [];
    try {
      if (existed) {
        accessSync(absolute, constants.W_OK);
        checkReplaceable(target, names);
      } else {
        makeParents(absolute, madeParents);
      }
      // Inside an existing target, beside a new one: the same file system either way. The
      // name stays short, so that a target's name of up to 255 bytes leaves room for it.
      const name = `.torus-gan-flow-${randomBytes(6).toString('hex')}`;
      const staging = join(existed ? absolute : dirname(absolute), name);
      // mkdirSync rather than mkdtempSync, whose mode 0700 a new target would keep.
      mkdirSync(staging);
      return new ResultDir(target, names, { staging, existed, madeParents });
    } catch (error) {
      removeEmptyDirs(madeParents);
      throw asCliError(target, error);
    }
  }

  /** Writes an `.npy` file of `data` with `shape` (C order) into the staging directory. */
  async writeNpy(name: string, data: NpyArray, shape: readonly number[]): Promise<void> {
    try {
      const file = await open(this.stage(name), 'w');
      try {
        await file.write(npyHeader(data, shape));
        await file.write(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } finally {
        await file.close();
      }
    } catch (error) {
      throw asCliError(this.target, error);
    }
  }

  /** Writes a text file into the staging directory. */
  async writeText(name: string, text: string): Promise<void> {
    try {
      await writeFile(this.stage(name), text, 'utf8');
    } catch (error) {
      throw asCliError(this.target, error);
    }
  }

  /**
   * Moves the files into the target: the whole staging directory when the target is still
   * new (one atomic rename), else file by file. Then the old versions go aside into the
   * staging directory first and the new ones take their place, and a failure on the way
   * puts everything back: the target holds either all the new files or all the old ones.
   */
  commit(): void {
    const absolute = resolve(this.target);
    // Someone may have made the directory since the run began: do not replace theirs.
    if (!this.existed && !existsSync(absolute)) {
      try {
        renameSync(this.staging, absolute);
        return;
      } catch (error) {
        throw asCliError(this.target, error);
      }
    }
    checkReplaceable(this.target, this.names);
    const undo: (() => void)[] = [];
    const move = (from: string, to: string, name: string) => {
      try {
        renameSync(from, to);
      } catch (error) {
        throw new CliError(
          `${printable(join(this.target, name))}: cannot replace it (${errorCode(error)}); ` +
            'the directory was left as it was',
        );
      }
      undo.push(() => renameSync(to, from));
    };
    try {
      for (const name of this.names) {
        const old = join(absolute, name);
        if (isLink(old) || existsSync(old)) move(old, join(this.staging, `${name}.old`), name);
      }
      for (const name of this.names) move(join(this.staging, name), join(absolute, name), name);
    } catch (error) {
      for (const step of undo.reverse()) {
        try {
          step();
        } catch {
          // The old files stay where they are, in the staging directory: it must not go.
          this.kept = true;
          throw new CliError(
            `${printable(this.target)}: replacing the results failed and could not be undone; ` +
              `the previous files are in ${printable(this.staging)}`,
          );
        }
      }
      throw error;
    }
    // The results are in place; what is left is the staging directory with the old files.
    const left = this.discard();
    if (left !== null) process.stderr.write(`torus-gan-flow: warning: ${left}\n`);
  }

  /**
   * Removes the staging directory with whatever is in it, and the parents made for it that
   * are still empty, unless a failed commit left old results in it. Safe to call more than
   * once. Returns null, or what could not be removed and why, for the user's message.
   */
  discard(): string | null {
    if (this.kept) return null;
    try {
      rmSync(this.staging, { recursive: true, force: true });
    } catch (error) {
      return `${printable(this.staging)} could not be removed (${errorCode(error)})`;
    }
    removeEmptyDirs(this.madeParents);
    return null;
  }

  private stage(name: string): string {
    if (!this.names.includes(name)) throw new Error(`ResultDir: ${name} was not announced`);
    return join(this.staging, name);
  }
}

/** Whether `path` is a symbolic link, whether or not it leads anywhere. */
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The code of a file system error, for a message: ENOSPC, EPERM, ... */
function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

/** Throws a CliError naming the first of `names` in `target` that a file cannot replace. */
function checkReplaceable(target: string, names: readonly string[]): void {
  for (const name of names) {
    const path = join(target, name);
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new CliError(
        `${printable(path)}: is a directory; move it away or choose another --save`,
      );
    }
  }
}

/**
 * Creates the missing ancestors of `path`, outermost first, and appends each to `made` as
 * it is created. Not `mkdirSync(..., { recursive: true })`: on Node 20 that never returns
 * for a path under /proc, where mkdir keeps failing with ENOENT although the parent exists.
 */
function makeParents(path: string, made: string[]): void {
  const missing: string[] = [];
  for (let dir = dirname(path); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    if (isLink(dir))
      throw new CliError(`${printable(dir)}: a symbolic link to nothing; create its target`);
    mkdirSync(dir);
    made.push(dir);
  }
}

/** Removes `dirs`, innermost first, where they are still empty; leaves any that are not. */
function removeEmptyDirs(dirs: readonly string[]): void {
  for (const dir of [...dirs].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/** A file system error about `target` as one line a person can act on. */
function asCliError(target: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  return new CliError(`${printable(target)}: ${failureReason(target, errorCode(error))}`);
}

/** Why `target` could not be written, from the error's code, and what to do. */
function failureReason(target: string, code: string): string {
  const elsewhere = 'choose another --save directory';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `cannot write there; ${elsewhere}`;
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    case 'ENOENT':
      // Under /proc and the like, a directory exists but takes no new entries.
      return existsSync(resolve(target))
        ? `cannot write there; ${elsewhere}`
        : `cannot create it there; ${elsewhere}`;
    default:
      return `cannot write there (${code}); ${elsewhere}`;
  }
}

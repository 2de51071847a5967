/**
 * The result directory of a run, written so that a failure leaves nothing half-written: the
 * files go into a hidden temporary directory beside the target (same file system, so that
 * renaming is atomic) and move into place only when all of them are complete.
 */

import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors';
import { npyHeader, type NpyArray } from './npy';

/** A result directory being written. */
export class ResultDir {
  /** The directory the results end up in, as the user named it. */
  readonly target: string;
  /** The hidden directory they are written into first. */
  readonly staging: string;
  private readonly names: string[] = [];

  private constructor(target: string, staging: string) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Checks that `target` can receive the results and creates the staging directory (and
   * any missing parents), before any long computation; throws a CliError otherwise.
   */
  static open(target: string): ResultDir {
    const absolute = resolve(target);
    try {
      if (!statSync(absolute).isDirectory()) {
        throw new CliError(`${target}: exists and is not a directory; choose another --save`);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asCliError(target, error);
    }
    try {
      mkdirSync(dirname(absolute), { recursive: true });
      const staging = mkdtempSync(join(dirname(absolute), `.${basename(absolute)}.partial-`));
      return new ResultDir(target, staging);
    } catch (error) {
      throw asCliError(target, error);
    }
  }

  /** Writes an `.npy` file of `data` with `shape` (C order) into the staging directory. */
  async writeNpy(name: string, data: NpyArray, shape: readonly number[]): Promise<void> {
    const file = await open(this.stage(name), 'w');
    try {
      await file.write(npyHeader(data, shape));
      await file.write(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } finally {
      await file.close();
    }
  }

  /** Writes a text file into the staging directory. */
  async writeText(name: string, text: string): Promise<void> {
    await writeFile(this.stage(name), text, 'utf8');
  }

  /**
   * Moves the files into the target: the whole staging directory when the target does not
   * exist yet (one atomic rename), else file by file, each replacing its old version
   * atomically.
   */
  commit(): void {
    const absolute = resolve(this.target);
    try {
      renameSync(this.staging, absolute);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw asCliError(this.target, error);
    }
    try {
      for (const name of this.names) renameSync(join(this.staging, name), join(absolute, name));
      rmSync(this.staging, { recursive: true, force: true });
    } catch (error) {
      throw asCliError(this.target, error);
    }
  }

  /** Removes the staging directory and whatever is in it. Safe to call more than once. */
  discard(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }

  private stage(name: string): string {
    this.names.push(name);
    return join(this.staging, name);
  }
}

/** A file system error about `target` as one line a person can act on. */
function asCliError(target: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'cannot write there; choose another --save directory'
      : code === 'ENOSPC'
        ? 'no space left on the device'
        : code === 'ENOTDIR'
          ? 'a parent of it is not a directory'
          : code === 'ENOENT'
            ? 'cannot create it there; choose another --save directory'
            : `cannot write there (${code ?? 'unknown error'}); choose another --save directory`;
  return new CliError(`${target}: ${reason}`);
}

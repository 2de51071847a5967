/**
 * Shared by the command-line tests: where the command's build is, a way to run it as a
 * child process, and readers for what it writes.
 */

import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { decodeNpy, type NpyFile } from './npyReader';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The command's build, which the global setup (buildCli.ts) makes before the tests. */
export const CLI_MAIN = join(ROOT, 'dist', 'cli', 'main.mjs');

/** What a finished command printed and returned. */
export interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `node main args…` with `env` (default: this process's) and waits for it. */
export function runCli(
  main: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [main, ...args],
      { env: options.env ?? process.env, cwd: options.cwd ?? ROOT, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        done({ status, stdout, stderr });
      },
    );
  });
}

/**
 * The Python interpreter with NumPy that the tests read results with: the one `npm test`
 * found or installed (NUMPY_PYTHON), else `python3`. Throws when it cannot import NumPy,
 * since the files are made for numpy.load and a test that cannot check that must fail.
 */
export function numpyPython(): string {
  const python = process.env.NUMPY_PYTHON || 'python3';
  const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      `${python} cannot import numpy: run the tests with npm test, which installs it`,
    );
  }
  return python;
}

/** A fresh scratch directory for one test's files, removed when the test ends. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'torus-gan-flow-cli-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Reads a `.npy` file the command wrote. */
export function readNpy(path: string): NpyFile {
  return decodeNpy(new Uint8Array(readFileSync(path)));
}

/** Everything in `dir`, hidden entries included, sorted. */
export function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** The non-empty lines of a command's output. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

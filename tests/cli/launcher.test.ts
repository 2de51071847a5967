/**
 * The forms the README documents, from the repository's root: `npx torus-gan-flow`, which
 * npm resolves to this package's own `bin` (offline, so it can never fetch a namesake from
 * the registry), and `npm run cli --`. Both start bin/torus-gan-flow.mjs, which loads the
 * build in dist/cli/ that `prepare` makes on `npm ci` (the tests' global setup makes it the
 * same way). And
 * the progress bar, drawn on a pseudo-terminal made by `script`.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, scratchDir } from './cli';

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('package.json builds the command on npm ci and names it as a bin', () => {
  expect(packageJson.scripts.prepare).toBe('npm run build:cli');
  expect(packageJson.bin).toEqual({ 'torus-gan-flow': 'bin/torus-gan-flow.mjs' });
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.mjs'))).toBe(true);
});

test('npx torus-gan-flow and npm run cli start the command', () => {
  const npx = spawnSync('npx', ['--offline', 'torus-gan-flow', '--version'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(npx.status).toBe(0);
  expect(npx.stdout.trim()).toBe(packageJson.version);

  const npmRun = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(npmRun.status).toBe(0);
  expect(npmRun.stdout).toMatch(/^torus-gan-flow: /);
  expect(npmRun.stdout).toContain('--steps-per-dispatch');
});

test('a progress bar on a terminal; piped, only the summary line', () => {
  const out = join(scratchDir(), 'out');
  const args = ['run', '--preset', 'spiral', '--particles', '20000', '--steps', '30'];
  const command = ['node', 'bin/torus-gan-flow.mjs', ...args, '--steps-per-dispatch', '3'];
  // `script` runs the command on a pseudo-terminal and copies what it drew to stdout.
  const terminal = spawnSync(
    'script',
    ['-qec', `${command.join(' ')} --save ${out}`, '/dev/null'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(terminal.status).toBe(0);
  expect(terminal.stdout).toMatch(/\rsteps 30\/30 \[#+\] 100%/);
  expect(terminal.stdout).toContain('\r\x1b[K');

  const piped = spawnSync(command[0]!, [...command.slice(1), '--save', `${out}2`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(piped.status).toBe(0);
  expect(piped.stderr).toBe('');
  expect(piped.stdout).toMatch(/^saved [^\n]*\n$/);
});

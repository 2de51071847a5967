/**
 * Every kind of bad input ends the built command with one line on stderr that says what is
 * wrong and what to do, no stack trace, the documented exit status (1 for a failed run, 2
 * for a malformed command), and nothing left in, or beside, the result directory.
 */

import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { maxParticles } from '../../src/engine/limits';
import { createNodeGpu } from '../../src/node/dawn';
import { MAX_PARTICLES } from '../../src/scene/parse';
import { CLI_MAIN, entries, runCli, scratchDir, type Outcome } from './cli';

/** Runs `args` with `--save parent/out` and checks the failure's shape. */
async function expectFailure(
  args: string[],
  status: number,
  message: RegExp,
  env?: NodeJS.ProcessEnv,
): Promise<Outcome> {
  const parent = scratchDir();
  const out = join(parent, 'out');
  const outcome = await runCli(CLI_MAIN, [...args, '--save', out], { env, cwd: parent });
  expect(outcome.status).toBe(status);
  const stderr = outcome.stderr.split('\n').filter((line) => line !== '');
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(/^torus-gan-flow: /);
  expect(stderr[0]).toMatch(message);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
  expect(outcome.stdout).toBe('');
  // Nothing half-written: no result directory, no staging directory beside it.
  expect(existsSync(out)).toBe(false);
  expect(entries(parent).filter((name) => name !== 'scene.json')).toEqual([]);
  return outcome;
}

/** A scene file with `text` in a fresh directory. */
function sceneFile(text: string): string {
  const path = join(scratchDir(), 'scene.json');
  writeFileSync(path, text);
  return path;
}

describe('bad input fails cleanly', () => {
  test('a missing scene file', async () => {
    await expectFailure(['run', 'nowhere.json'], 1, /nowhere\.json: no such file; .*--preset/);
    // A newline in the name is shown as one, escaped, not as a space.
    await expectFailure(['run', 'a\nb.json'], 1, /: a\\u000ab\.json: no such file/);
  });

  test('a signal while the scene is still being read', async () => {
    // A named pipe that nobody writes to: opening it waits, and Ctrl-C must still end that.
    const { execFileSync, spawn } = await import('node:child_process');
    const parent = scratchDir();
    execFileSync('mkfifo', [join(parent, 'scene.json')]);
    const child = spawn(process.execPath, [CLI_MAIN, 'run', 'scene.json', '--save', 'out'], {
      cwd: parent,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const ended = new Promise<number | string | null>((done) => {
      child.on('exit', (code, killedBy) => done(code ?? killedBy));
    });
    await new Promise((wake) => setTimeout(wake, 1500));
    child.kill('SIGINT');
    expect(await ended).toBe('SIGINT');
    expect(stderr).toBe('torus-gan-flow: interrupted; nothing was saved\n');
    expect(entries(parent)).toEqual(['scene.json']);
  });

  test('a socket given by name', async () => {
    // Node starts children with sockets for their standard streams; /dev/stdin names one.
    await expectFailure(['run', '/dev/stdin'], 1, /: \/dev\/stdin: cannot be opened by name/);
  });

  test('a scene "file" without end, and a directory', async () => {
    await expectFailure(['run', '/dev/zero'], 1, /\/dev\/zero: more than 1048576 bytes; a scene/);
    await expectFailure(['run', tmpdir()], 1, /: is a directory; give the path of a scene file$/);
  });

  test('a scene file that is not JSON', async () => {
    await expectFailure(['run', sceneFile('{"rule": "agd",')], 1, /not valid JSON/);
  });

  test('a scene with a NaN coefficient names the field', async () => {
    const text = '{"objective": {"modes": [{"n": 1, "m": 0, "a": "NaN"}]}}';
    await expectFailure(
      ['run', sceneFile(text)],
      1,
      /scene\.json: objective\.modes\[0\]\.a: expected a finite number, got "NaN"$/,
    );
  });

  test('a scene with an unknown field', async () => {
    await expectFailure(['run', sceneFile('{"speed": 3}')], 1, /speed: unknown field/);
  });

  test('an unknown preset lists the presets', async () => {
    await expectFailure(['run', '--preset', 'spirals'], 2, /unknown preset "spirals"; .*spiral/);
  });

  test('NaN and out-of-range numbers on the command line', async () => {
    const preset = ['run', '--preset', 'spiral'];
    await expectFailure([...preset, '--steps', 'NaN'], 2, /--steps: expected an integer .*"NaN"/);
    await expectFailure([...preset, '--particles', '0'], 2, /--particles: expected an integer/);
    await expectFailure([...preset, '--seed=-1'], 2, /--seed: expected an integer/);
    await expectFailure([...preset, '--seed', '1.5'], 2, /--seed: expected an integer/);
    await expectFailure([...preset, '--rule', 'adam'], 2, /--rule: expected one of agd/);
  });

  test('malformed commands', async () => {
    const bare = await runCli(CLI_MAIN, []);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toBe(
      'torus-gan-flow: expected a command: run or bench (see torus-gan-flow --help)\n',
    );
    await expectFailure(['run', '--preset', 'spiral', '--fast'], 2, /unknown option --fast/);
    await expectFailure(['run'], 2, /needs a scene file or --preset/);
    await expectFailure(['run', 'a.json', '--preset', 'spiral'], 2, /not both/);
    await expectFailure(['fly'], 2, /unknown command "fly"/);
  });

  test('a --save path that is a file', async () => {
    const file = sceneFile('{}');
    const outcome = await runCli(CLI_MAIN, ['run', '--preset', 'spiral', '--save', file]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toMatch(/^torus-gan-flow: .*scene\.json: exists and is not a directory/);
  });

  test('more particles than the adapter holds says how many fit', async () => {
    // SwiftShader complains on stderr without it; the command sets it for itself.
    process.env.XDG_RUNTIME_DIR ??= tmpdir();
    const { device } = await createNodeGpu();
    const most = maxParticles(device.limits);
    device.destroy();
    if (most < MAX_PARTICLES) {
      const args = ['run', '--preset', 'spiral', '--particles', String(most + 1), '--steps', '0'];
      await expectFailure(args, 1, new RegExp(`pass --particles ${most} or fewer$`));
    } else {
      // This adapter holds every count a scene may ask for: the scene's own bound applies.
      const args = ['run', '--preset', 'spiral', '--particles', String(MAX_PARTICLES + 1)];
      await expectFailure(args, 2, /--particles: expected an integer from 1 to/);
    }
  });

  test('a --save path the system will not create', async () => {
    // Under /proc mkdir fails with ENOENT however often it is retried.
    const args = ['run', '--preset', 'spiral', '--particles', '10', '--save', '/proc/tgf/out'];
    const outcome = await runCli(CLI_MAIN, args);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe(
      'torus-gan-flow: /proc/tgf/out: cannot create it there; choose another --save directory\n',
    );
    // /proc itself exists: it is not created but cannot be written.
    const into = await runCli(CLI_MAIN, [...args.slice(0, -1), '/proc']);
    expect(into.stderr).toBe(
      'torus-gan-flow: /proc: cannot write there; choose another --save directory\n',
    );
  });

  test('a failed run removes the parents it made for --save', async () => {
    const parent = scratchDir();
    const env = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' };
    const save = join(parent, 'new', 'deeper', 'out');
    const args = ['run', '--preset', 'spiral', '--particles', '10', '--save', save];
    const outcome = await runCli(CLI_MAIN, args, { env });
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toMatch(/no WebGPU adapter found/);
    expect(entries(parent)).toEqual([]);
  });

  test('an existing --save directory is left as it was by a failed run', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    mkdirSync(join(dir, 'winding.npy'));
    const args = ['run', '--preset', 'spiral', '--particles', '10', '--save', dir];
    // A directory where a result file goes is refused before the run, naming it.
    const blocked = await runCli(CLI_MAIN, args);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toBe(
      `torus-gan-flow: ${join(dir, 'winding.npy')}: is a directory; move it away or ` +
        'choose another --save\n',
    );
    expect(entries(dir)).toEqual(['notes.txt', 'winding.npy']);

    rmdirSync(join(dir, 'winding.npy'));
    const env = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' };
    const failed = await runCli(CLI_MAIN, args, { env });
    expect(failed.status).toBe(1);
    expect(entries(dir)).toEqual(['notes.txt']);
  });

  test('a signal to the adapter probe alone is not taken for "no adapter"', async () => {
    // The command looks for an adapter in a child process; Ctrl-C ends both, but here only
    // the child gets the signal, and the command must say what ended it.
    const { spawn } = await import('node:child_process');
    const parent = scratchDir();
    const args = ['run', '--preset', 'spiral', '--particles', '10', '--save', 'out'];
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: parent });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const ended = new Promise<number | null>((done) => child.on('exit', done));
    const children = `/proc/${child.pid}/task/${child.pid}/children`;
    let probe = '';
    for (const deadline = Date.now() + 30_000; probe === '' && Date.now() < deadline; ) {
      probe = existsSync(children) ? readFileSync(children, 'utf8').trim() : '';
      await new Promise((wake) => setTimeout(wake, 5));
    }
    // Never process.kill(0): that would be this test's own process group.
    expect(probe).toMatch(/^\d+/);
    process.kill(Number(probe.split(' ')[0]), 'SIGINT');
    expect(await ended).toBe(1);
    expect(stderr).toBe('torus-gan-flow: the search for an adapter was ended by SIGINT\n');
    expect(entries(parent)).toEqual([]);
  });

  test('no adapter at all', async () => {
    const env = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' };
    const args = ['run', '--preset', 'spiral', '--particles', '10'];
    // The driver loader's own words name the cause; Dawn's source locations stay out.
    const outcome = await expectFailure(
      args,
      1,
      /no WebGPU adapter found with VK_ICD_FILENAMES=\/nonexistent\/icd\.json \(.*\/icd\.json\)/,
      env,
    );
    // The user's choice failed, and the message says so rather than suggest setting it.
    expect(outcome.stderr).toMatch(/: make it name a working Vulkan .* or unset it to let/);
    expect(outcome.stderr).not.toMatch(/\.cpp|\bat /);
  });
});

// Ctrl-C sends SIGINT to the terminal's whole process group, `kill` and service managers
// SIGTERM to the process, a closing terminal SIGHUP. After cleaning up, the command ends by
// the same signal (a shell reports 128 + its number), or for SIGQUIT exits with 131. A
// signal as soon as the staging directory exists comes while the command is still looking
// for an adapter, in a child process that the group's signal ends too.
for (const [signal, ending, delay, group] of [
  ['SIGINT', 'SIGINT', 500, false],
  ['SIGINT', 'SIGINT', 0, true],
  ['SIGTERM', 'SIGTERM', 500, false],
  ['SIGHUP', 'SIGHUP', 500, false],
  ['SIGQUIT', 131, 500, false],
] as const) {
  const to = group ? 'its process group' : 'it';
  test(`${signal} to ${to} ${delay} ms into a run leaves nothing behind`, async () => {
    const parent = scratchDir();
    const out = join(parent, 'new', 'out');
    const args = ['run', '--preset', 'spiral', '--particles', '100000', '--steps', '100000'];
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CLI_MAIN, ...args, '--save', out], {
      detached: group,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Wait until the run has started writing (its staging directory exists), then signal.
    const deadline = Date.now() + 60_000;
    const staging = () => (existsSync(join(parent, 'new')) ? entries(join(parent, 'new')) : []);
    while (staging().length === 0 && Date.now() < deadline) {
      await new Promise((wake) => setTimeout(wake, 20));
    }
    expect(staging()).toHaveLength(1);
    await new Promise((wake) => setTimeout(wake, delay));
    const ended = await new Promise<number | string | null>((done) => {
      child.on('exit', (code, killedBy) => done(code ?? killedBy));
      if (group) process.kill(-child.pid!, signal);
      else child.kill(signal);
    });
    expect(ended).toBe(ending);
    // Piped, the message is the only line: no blank line before it.
    expect(stderr).toBe('torus-gan-flow: interrupted; nothing was saved\n');
    // The parent made for the results goes too.
    expect(entries(parent)).toEqual([]);
  });
}

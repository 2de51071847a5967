// The whole test suite, as the README's test command runs it: system packages (Chromium,
// which brings the SwiftShader CPU Vulkan driver and the browser; the Vulkan loader; NumPy,
// which reads the command line's files back), type checking, the formatter's check, then
// every Vitest test: pure logic, the engine on Dawn, the command line, and the app in
// headless Chromium. Nothing is skipped: a missing adapter, browser or NumPy fails.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const DEBIAN_PACKAGES = ['chromium', 'libvulkan1', 'python3-numpy'];
// The first Python that imports NumPy is the one the tests use; Debian's python3-numpy goes
// with /usr/bin/python3, which another python3 earlier on the PATH may hide.
const PYTHONS = ['python3', '/usr/bin/python3'];

function run(command, args, options = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function hasVulkanLoader() {
  const result = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
  return (result.stdout ?? '').includes('libvulkan.so.1');
}

function pythonWithNumpy() {
  return PYTHONS.find((python) => spawnSync(python, ['-c', 'import numpy']).status === 0);
}

function ensureSystemPackages() {
  const present = existsSync(CHROMIUM) && existsSync(SWIFTSHADER_ICD) && hasVulkanLoader();
  if (present && pythonWithNumpy() !== undefined) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `test: missing one of ${DEBIAN_PACKAGES.join(', ')}; install them with ` +
        `"sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}" and run the tests again.`,
    );
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0) process.exit(1);
  if (run('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES], { env }) !== 0) process.exit(1);
}

ensureSystemPackages();
const numpyPython = process.env.NUMPY_PYTHON || pythonWithNumpy();
if (numpyPython === undefined) {
  console.error(`test: none of ${PYTHONS.join(', ')} imports numpy, even after installing it`);
  process.exit(1);
}
process.env.NUMPY_PYTHON = numpyPython;

// Every temporary file of the run goes below one directory, removed at the end: the tests'
// scratch directories, browser profiles and the report all find it as the system's tmpdir.
const scratch = mkdtempSync(join(tmpdir(), 'torus-gan-flow-test-'));
process.env.TMPDIR = scratch;

// Dawn reads the driver list when a process starts: it must be set before Vitest's workers.
process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;
// SwiftShader warns on every device creation when XDG_RUNTIME_DIR is unset.
process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(scratch, 'xdg-'));

const bin = (name) => join('node_modules', '.bin', name);
let failed = 0;
failed += run(bin('tsc'), ['--noEmit']) === 0 ? 0 : 1;
failed += run(bin('prettier'), ['--check', '.']) === 0 ? 0 : 1;

const report = join(scratch, 'vitest.json');
const vitestStatus = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);

let passed = 0;
let testsFailed = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed = summary.numPassedTests;
  // A skipped test hides a missing browser or adapter: it counts as failed.
  const skipped = summary.numPendingTests ?? 0;
  if (skipped > 0) console.error(`test: ${skipped} tests were skipped; the suite allows none`);
  testsFailed = summary.numFailedTests + skipped;
}
rmSync(scratch, { recursive: true, force: true });
if (vitestStatus !== 0 && testsFailed === 0) testsFailed = 1;
console.log(`\n${passed} passed, ${testsFailed + failed} failed`);
process.exit(vitestStatus !== 0 || testsFailed > 0 || failed > 0 ? 1 : 0);

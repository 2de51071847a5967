/**
 * A GPUDevice for the command line, with a clear message when there is none. Before Dawn
 * starts in this process, a child process probes for an adapter (see probe.ts): first with
 * the user's environment, then, if that finds nothing and the user chose no Vulkan driver
 * (VK_ICD_FILENAMES unset or empty), with Chromium's SwiftShader. Whatever the driver
 * prints while failing stays in the child.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createNodeGpu, type NodeGpu } from '../node/dawn';
import { CliError } from './errors';

/** Chromium's SwiftShader, a CPU Vulkan driver, as Debian's `chromium` package installs it. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** The built probe script, next to the built command. */
const PROBE = fileURLToPath(new URL('./probe.mjs', import.meta.url));

/** What a probe found: the adapter's name, or null with the probe's last error line. */
interface Probe {
  adapter: string | null;
  detail: string;
}

/** What a probe process printed. */
interface ProbeOutput {
  stdout: string;
  stderr: string;
}

/**
 * How long to wait, after a signal from outside ended the probe, for this process's own
 * signal handler. Ctrl-C reaches both; the probe's end may be seen first.
 */
const SIGNAL_GRACE_MS = 1000;

/**
 * Runs the probe in a child process. Asynchronously: while it runs, this process still
 * answers Ctrl-C (a synchronous wait would hold the signal until the probe ended). A probe
 * ended by a signal found nothing out: that is not "no adapter", and is said as what it is.
 */
function runProbe(env: NodeJS.ProcessEnv): Promise<ProbeOutput> {
  return new Promise((done, fail) => {
    const options = { env, encoding: 'utf8' as const, timeout: 60_000 };
    execFile(process.execPath, [PROBE], options, (error, stdout, stderr) => {
      const signal = error?.signal;
      if (typeof signal === 'string' && !error?.killed) {
        const interrupted = new CliError(`the search for an adapter was ended by ${signal}`);
        setTimeout(() => fail(interrupted), SIGNAL_GRACE_MS);
      } else {
        done({ stdout, stderr });
      }
    });
  });
}

async function probe(env: NodeJS.ProcessEnv): Promise<Probe> {
  const result = await runProbe(env);
  const lines = (result.stdout ?? '').trim().split('\n');
  try {
    const found = JSON.parse(lines[lines.length - 1]!) as { adapter: string | null };
    if (typeof found.adapter === 'string') return { adapter: found.adapter, detail: '' };
  } catch {
    // No JSON: the probe crashed, e.g. Dawn's library could not load.
  }
  // The Vulkan loader's first complaint names the cause ("Failed to open JSON file ...");
  // the lines after it repeat the consequence, and Dawn's "at ..." lines name its sources.
  const complaints = (result.stderr ?? '')
    .split('\n')
    .map((line) => /^\s*(?:warning|error):\s*(.+)$/i.exec(line)?.[1]?.trim())
    .filter((line) => line !== undefined);
  return { adapter: null, detail: complaints[0] ?? '' };
}

/**
 * Finds an adapter and creates the device, setting VK_ICD_FILENAMES to SwiftShader in this
 * process when only SwiftShader works, and XDG_RUNTIME_DIR when it is unset (SwiftShader
 * prints an error per device without it). Throws a CliError when there is no adapter.
 */
export async function acquireGpu(env: NodeJS.ProcessEnv = process.env): Promise<NodeGpu> {
  env.XDG_RUNTIME_DIR ??= tmpdir();
  let found = await probe(env);
  // An empty VK_ICD_FILENAMES chooses no driver, as the Vulkan loader reads it.
  const chosen = (env.VK_ICD_FILENAMES ?? '') !== '';
  if (found.adapter === null && !chosen && existsSync(SWIFTSHADER_ICD)) {
    const withSwiftShader = { ...env, VK_ICD_FILENAMES: SWIFTSHADER_ICD };
    const second = await probe(withSwiftShader);
    if (second.adapter !== null) {
      // Dawn reads the variable when this process creates its instance, which is later.
      env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
      found = second;
    }
  }
  if (found.adapter === null) {
    const detail = found.detail === '' ? '' : ` (${found.detail})`;
    if (chosen) {
      // The user's choice is kept, not overridden: say that it is the one that failed.
      throw new CliError(
        `no WebGPU adapter found with VK_ICD_FILENAMES=${env.VK_ICD_FILENAMES}${detail}: ` +
          "make it name a working Vulkan driver's ICD file (Chromium's SwiftShader is " +
          `${SWIFTSHADER_ICD}), or unset it to let the command look for one`,
      );
    }
    throw new CliError(
      `no WebGPU adapter found${detail}: install your GPU's Vulkan driver, or Chromium for ` +
        `its CPU driver SwiftShader and set VK_ICD_FILENAMES=${SWIFTSHADER_ICD}`,
    );
  }
  return createNodeGpu();
}

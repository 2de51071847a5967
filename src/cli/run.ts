/**
 * `torus-gan-flow run`: advances a scene's particles with the engine the app uses, then
 * writes their starting and final positions, winding numbers and a report into a directory.
 */

import { FlowEngine } from '../engine/engine';
import { ParticleLimitError, maxParticles } from '../engine/limits';
import type { Scene } from '../scene/types';
import { advanceAll, whenLost } from './advance';
import type { RunCommand } from './args';
import { DispatchSizer, fixedSplit, stepsPerDispatch } from './dispatch';
import { CliError, oneLine, printable } from './errors';
import { acquireGpu } from './gpu';
import { ResultDir } from './output';
import { progressBar } from './progress';
import { buildReport, summaryLine } from './report';
import { resolveScene } from './scene';

/** The files a run writes into its result directory. */
const RESULT_FILES = ['initial.npy', 'positions.npy', 'winding.npy', 'report.json'];

/**
 * Tells the command what to do when a signal interrupts the run: remove what it had started
 * writing, and say what became of the results.
 */
export type InterruptRegistry = (onInterrupt: (() => string) | null) => void;

/** The engine for `scene`, or a CliError that says how many particles fit. */
function createEngine(device: GPUDevice, scene: Scene): FlowEngine {
  try {
    return new FlowEngine(device, scene, { fixedObjective: true });
  } catch (error) {
    if (!(error instanceof ParticleLimitError)) throw error;
    const most = maxParticles(device.limits);
    throw new CliError(`${error.message.replace(/\.$/, '')}; pass --particles ${most} or fewer`);
  }
}

/** Runs `command` and saves its results; `register` learns what to do on an interrupt. */
export async function runCommand(command: RunCommand, register: InterruptRegistry): Promise<void> {
  const started = performance.now();
  const { scene, source } = await resolveScene(command);
  const output = ResultDir.open(command.save, RESULT_FILES);
  register(() => output.discard() ?? 'nothing was saved');
  try {
    const { device, adapterName, fallbackAdapter } = await acquireGpu();
    const lost = whenLost(device);
    device.pushErrorScope('validation');
    device.pushErrorScope('out-of-memory');
    const engine = createEngine(device, scene);
    const initial = await Promise.race([engine.readInitial(), lost]);

    // A split the user chose is kept as it is; the automatic one adapts to the adapter.
    const chosen = command.stepsPerDispatch;
    const plan =
      chosen === null
        ? new DispatchSizer(stepsPerDispatch(scene), { fallbackAdapter })
        : fixedSplit(chosen);
    const progress = progressBar(scene.steps, scene.particles);
    const split = await advanceAll(engine, scene.steps, plan, progress, lost);
    const positions = await Promise.race([engine.readPositions(), lost]);
    const winding = await engine.readWinding();
    const nonFinite = await engine.readNonFiniteCount();
    engine.destroy();

    const outOfMemory = await device.popErrorScope();
    const validation = await device.popErrorScope();
    if (outOfMemory !== null) {
      throw new CliError(
        `the GPU ran out of memory for ${scene.particles} particles; pass fewer --particles`,
      );
    }
    if (validation !== null) throw new CliError(`GPU error: ${validation.message}`);

    const shape = [scene.particles, 2];
    await output.writeNpy('initial.npy', initial, shape);
    await output.writeNpy('positions.npy', positions, shape);
    await output.writeNpy('winding.npy', winding, shape);
    const report = buildReport({
      scene,
      source,
      adapter: adapterName,
      split,
      wallSeconds: (performance.now() - started) / 1000,
      nonFiniteParticles: nonFinite,
    });
    await output.writeText('report.json', `${JSON.stringify(report, null, 2)}\n`);
    output.commit();
    register(() => `the results were saved in ${printable(command.save)}`);

    process.stdout.write(`${summaryLine(command.save, report)}\n`);
    if (nonFinite > 0) {
      process.stderr.write(
        `torus-gan-flow: warning: ${nonFinite} particles blew up (NaN, infinite, or thrown ` +
          'past 2^23 radians in one step, where float32 loses the angle) and stopped; their ' +
          'rows of positions.npy are NaN; smaller etaG, etaD or dt avoid it\n',
      );
    }
  } catch (error) {
    register(null);
    const left = output.discard();
    if (left !== null && error instanceof CliError) {
      throw new CliError(`${oneLine(error)}; ${left}`, error.exitCode);
    }
    throw error;
  }
}

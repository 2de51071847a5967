/**
 * `torus-gan-flow bench` (`npm run bench`): particle-steps per second of the GPU engine and
 * of the float64 TypeScript reference, at several particle counts, for a small and a large
 * objective, on this machine's adapter. Each engine figure is timed after a warm-up over
 * enough steps to last about TARGET_SECONDS, in the same submissions as a `run`.
 */

import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { FlowEngine } from '../engine/engine';
import { referenceAdvance } from '../math/reference';
import { presetById } from '../scene/presets';
import type { Mode, Scene } from '../scene/types';
import { advanceAll, whenLost } from './advance';
import { fixedSplit, stepsPerDispatch } from './dispatch';
import { acquireGpu } from './gpu';
import { NO_PROGRESS } from './progress';

/** Particle counts measured. */
export const BENCH_PARTICLES = [1e5, 1e6, 4e6];
/** Seconds each timed measurement aims for. */
const TARGET_SECONDS = 1.5;
/**
 * Particles the reference is timed on. It advances each particle on its own, one after the
 * other, so its rate per particle-step does not depend on the count; a sample is enough.
 */
const REFERENCE_SAMPLE = 20_000;
/** The particle count at which the goal (engine ≥ 10× the reference) is checked. */
const GOAL_PARTICLES = 1e6;
const GOAL_RATIO = 10;

/**
 * Every canonical mode of order ≤ 4 (n > 0, or n = 0 and m > 0, with |n|, |m| ≤ 4): 40
 * modes, with fixed coefficients that look random and shrink as 1/order², as a smooth
 * objective's do. A formula rather than a generator, so every version benches the same F.
 */
export function order4Modes(): Mode[] {
  const modes: Mode[] = [];
  for (let n = 0; n <= 4; n++) {
    for (let m = n === 0 ? 1 : -4; m <= 4; m++) {
      const k = modes.length + 1;
      const amplitude = 0.5 / Math.max(n, Math.abs(m)) ** 2;
      modes.push({
        n,
        m,
        a: amplitude * Math.sin(2.39 * k),
        b: amplitude * Math.cos(1.73 * k + 1),
      });
    }
  }
  return modes;
}

/** The two objectives measured, as scenes without a particle count yet. */
export function benchScenes(): { label: string; scene: Scene }[] {
  const spiral = presetById('spiral')!.build();
  const order4: Scene = { ...spiral, objective: { constant: 0, modes: order4Modes() } };
  return [
    {
      label: `spiral preset (${spiral.objective.modes.length} modes, ${spiral.rule})`,
      scene: spiral,
    },
    { label: `order 4 (${order4.objective.modes.length} modes, ${order4.rule})`, scene: order4 },
  ];
}

/** A measured rate: particle-steps per second, over `steps` steps of `particles`. */
interface Rate {
  particles: number;
  steps: number;
  seconds: number;
  rate: number;
}

async function engineRate(device: GPUDevice, base: Scene, particles: number): Promise<Rate> {
  const scene = { ...base, particles, steps: 1e9 };
  const lost = whenLost(device);
  const engine = new FlowEngine(device, scene, { fixedObjective: true });
  const most = stepsPerDispatch(scene);
  // Whole dispatches of the budget's size, the first size a run uses (later ones grow to
  // about a second where the adapter allows): each dispatch also loads, prepares and stores
  // every particle once, a cost its steps share.
  const split = fixedSplit(most);
  const advance = (steps: number) => advanceAll(engine, steps, split, NO_PROGRESS, lost);
  try {
    await device.queue.onSubmittedWorkDone();
    // The first dispatch compiles the kernel on some drivers; the next ones estimate the rate.
    await advance(1);
    let steps = most;
    let seconds = (await advance(steps)).elapsed;
    while (seconds < TARGET_SECONDS / 8) {
      steps *= 4;
      seconds = (await advance(steps)).elapsed;
    }
    const wanted = Math.max(1, Math.round((steps * TARGET_SECONDS) / seconds));
    steps = Math.max(most, Math.round(wanted / most) * most);
    seconds = (await advance(steps)).elapsed;
    const blownUp = await engine.readNonFiniteCount();
    // A particle that blew up stops computing, which would flatter the engine.
    if (blownUp > 0) throw new Error(`bench: ${blownUp} particles blew up`);
    return { particles, steps, seconds, rate: (particles * steps) / seconds };
  } finally {
    engine.destroy();
  }
}

function referenceRate(scene: Scene): Rate {
  const particles = REFERENCE_SAMPLE;
  const positions = new Float64Array(2 * particles);
  // Spread over the torus by a fixed low-discrepancy sequence: no generator needed.
  for (let i = 0; i < particles; i++) {
    positions[2 * i] = (2 * Math.PI * ((i * 0.7548776662) % 1)) % (2 * Math.PI);
    positions[2 * i + 1] = (2 * Math.PI * ((i * 0.569840291) % 1)) % (2 * Math.PI);
  }
  const winding = new Int32Array(2 * particles);
  const time = (steps: number) => {
    const start = performance.now();
    referenceAdvance(scene, positions, winding, steps);
    return (performance.now() - start) / 1000;
  };
  const estimate = time(1);
  const steps = Math.max(1, Math.round(TARGET_SECONDS / estimate));
  const seconds = time(steps);
  return { particles, steps, seconds, rate: (particles * steps) / seconds };
}

const exp = (value: number, digits = 2) => value.toExponential(digits).replace('e+', 'e');

/** Measures and prints the table on stdout. */
export async function runBench(): Promise<void> {
  const { device, adapterName } = await acquireGpu();
  const processors = cpus();
  const print = (line = '') => process.stdout.write(`${line}\n`);
  print(`torus-gan-flow bench, ${new Date().toISOString().slice(0, 10)}`);
  print(`adapter: ${adapterName}`);
  print(
    `machine: ${processors[0]?.model.trim() ?? 'unknown CPU'}, ${processors.length} cores, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${arch()}, Node ${process.version}`,
  );
  // Other programs on the machine lower every figure; the load shows whether they ran.
  print(`load average at start: ${loadavg()[0]!.toFixed(2)} (1 min)`);
  print(`reference: float64 TypeScript, one thread, timed on ${REFERENCE_SAMPLE} particles`);
  print('  (it advances each particle on its own: its rate does not depend on the count)');
  print();
  print('rates in particle-steps per second; s: seconds the engine was timed over');
  const header = ['objective', 'particles', 'engine', 'steps', 's', 'reference', 'ratio'];
  const widths = [28, 9, 9, 6, 5, 9, 6];
  const row = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  print(row(header));

  const verdicts: string[] = [];
  for (const { label, scene } of benchScenes()) {
    const reference = referenceRate(scene);
    for (const particles of BENCH_PARTICLES) {
      const engine = await engineRate(device, scene, particles);
      const ratio = engine.rate / reference.rate;
      print(
        row([
          label,
          exp(particles, 0),
          exp(engine.rate),
          String(engine.steps),
          engine.seconds.toFixed(2),
          exp(reference.rate),
          `${ratio.toFixed(1)}×`,
        ]),
      );
      if (particles === GOAL_PARTICLES) {
        verdicts.push(
          `${label}: ${ratio.toFixed(1)}× ${ratio >= GOAL_RATIO ? '(met)' : '(MISSED)'}`,
        );
      }
    }
  }
  print();
  print(`goal, engine ≥ ${GOAL_RATIO}× reference at ${exp(GOAL_PARTICLES, 0)} particles:`);
  for (const verdict of verdicts) print(`  ${verdict}`);
}

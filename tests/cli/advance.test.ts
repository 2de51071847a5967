/**
 * How a run is split into dispatches, on a stand-in engine whose submissions take a
 * simulated time (fake timers, fake performance.now): a dispatch of c steps takes
 * fixed + perStep · c seconds, and the split should settle where a dispatch lasts about
 * TARGET_SUBMISSION_SECONDS on a GPU, and on a CPU driver longer where the fixed cost would
 * take more than a tenth of that.
 */

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { advanceAll } from '../../src/cli/advance';
import { DispatchSizer, TARGET_SUBMISSION_SECONDS, fixedSplit } from '../../src/cli/dispatch';
import { NO_PROGRESS } from '../../src/cli/progress';
import type { FlowEngine } from '../../src/engine/engine';

/** The simulated machine: seconds per dispatch, and how much slower it is at a time. */
interface Machine {
  fixed: number;
  perStep: number;
  /** A CPU driver: GPUAdapterInfo.isFallbackAdapter. */
  fallback: boolean;
  /** Factor on every time between the simulated seconds `at` and `until`: another load. */
  slowdown?: { at: number; until: number; factor: number };
  /** Each dispatch's time off by up to this fraction either way, pseudo-randomly. */
  noise?: number;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** An engine whose GPU runs one submission after another, at the speed of `machine`. */
function simulatedEngine(machine: Machine) {
  const dispatches: { steps: number; seconds: number }[] = [];
  let busyUntil = 0;
  let random = 12345;
  const engine = {
    advance(steps: number) {
      const start = Math.max(performance.now(), busyUntil);
      const slow = machine.slowdown;
      const factor = slow && start >= slow.at * 1000 && start < slow.until * 1000 ? slow.factor : 1;
      // A small linear congruential generator: the same noise on every run of the test.
      random = (random * 1103515245 + 12345) % 2 ** 31;
      const off = 1 + (machine.noise ?? 0) * (2 * (random / 2 ** 31) - 1);
      const seconds = factor * off * (machine.fixed + machine.perStep * steps);
      dispatches.push({ steps, seconds });
      busyUntil = start + 1000 * seconds;
    },
    device: {
      queue: {
        onSubmittedWorkDone: () => {
          const end = busyUntil;
          return new Promise<undefined>((done) =>
            setTimeout(() => done(undefined), end - performance.now()),
          );
        },
      },
    },
  };
  return { engine: engine as unknown as FlowEngine, dispatches };
}

/** The dispatches a run of `steps` makes on `machine`, starting from `first` steps. */
async function runOn(machine: Machine, steps: number, first: number) {
  const { engine, dispatches } = simulatedEngine(machine);
  const never = new Promise<never>(() => {});
  const split = new DispatchSizer(first, { fallbackAdapter: machine.fallback });
  const running = advanceAll(engine, steps, split, NO_PROGRESS, never);
  await vi.runAllTimersAsync();
  const result = await running;
  return {
    ...result,
    sizes: dispatches.map((d) => d.steps),
    times: dispatches.map((d) => d.seconds),
  };
}

const seconds = (machine: Machine, steps: number) => machine.fixed + machine.perStep * steps;

describe('on a GPU, dispatches keep to the target', () => {
  test('they grow from the budget until one lasts about the target, 4 times at most', async () => {
    const gpu = { fixed: 1e-5, perStep: 2e-4, fallback: false };
    const { sizes } = await runOn(gpu, 100_000, 22);
    expect(sizes[0]).toBe(22);
    for (const size of sizes.slice(-10, -1)) {
      expect(seconds(gpu, size)).toBeGreaterThan(0.8 * TARGET_SUBMISSION_SECONDS);
      expect(seconds(gpu, size)).toBeLessThanOrEqual(1.01 * TARGET_SUBMISSION_SECONDS);
    }
    // Each at most four times the one timed before it, which is the one two back: one
    // dispatch waits in the queue while another runs.
    for (let i = 2; i < sizes.length; i++) expect(sizes[i]!).toBeLessThanOrEqual(4 * sizes[i - 2]!);
  });

  test('with noisy timings, and a fixed cost, none comes near a 2 s watchdog', async () => {
    const noisy = { fixed: 1e-3, perStep: 1e-4, fallback: false, noise: 0.1 };
    const { times } = await runOn(noisy, 1_000_000, 22);
    expect(Math.max(...times)).toBeLessThan(1.3 * TARGET_SUBMISSION_SECONDS);
    const heavy = { fixed: 0.5, perStep: 0.01, fallback: false, noise: 0.1 };
    const slow = await runOn(heavy, 2000, 10);
    expect(Math.max(...slow.times)).toBeLessThan(1.3 * TARGET_SUBMISSION_SECONDS);
  });

  test('they shrink while the machine is slowed down, and grow back after', async () => {
    const machine = { fixed: 0.1, perStep: 0.02, fallback: false };
    const slowed = { ...machine, slowdown: { at: 5, until: 25, factor: 6 } };
    const { sizes } = await runOn(slowed, 3000, 40);
    // Six times slower, a second holds 7 steps, not 45...
    expect(Math.min(...sizes.slice(2))).toBeLessThanOrEqual(8);
    // ...and once the load is gone the split returns to the target.
    for (const size of sizes.slice(-5, -1)) expect(size).toBeGreaterThanOrEqual(44);
  });
});

describe('on a CPU driver, dispatches grow until the fixed cost is a tenth', () => {
  for (const [label, fixed, perStep] of [
    ['4e6 particles on SwiftShader', 0.5, 0.08],
    ['1e7 particles on SwiftShader', 1.2, 0.2],
  ] as const) {
    test(label, async () => {
      const cpu = { fixed, perStep, fallback: true, noise: 0.05 };
      const { sizes, elapsed } = await runOn(cpu, 2000, 2);
      // fixed ≤ a tenth of fixed + perStep · c: c ≥ 9 fixed / perStep.
      const least = (9 * fixed) / perStep;
      for (const size of sizes.slice(-5, -1)) {
        expect(size).toBeGreaterThanOrEqual(0.85 * least);
        expect(size).toBeLessThanOrEqual(1.25 * least);
      }
      // One-step dispatches would take 6 to 7 times one dispatch of all steps; these,
      // the first few short, take about 1.1 times.
      expect(elapsed).toBeLessThan(1.2 * seconds(cpu, 2000));
    });
  }

  test('where the fixed cost is small, they keep to the target', async () => {
    const cpu = { fixed: 0.06, perStep: 0.02, fallback: true, noise: 0.05 };
    const { sizes } = await runOn(cpu, 3000, 22);
    for (const size of sizes.slice(-5, -1)) {
      expect(seconds(cpu, size)).toBeGreaterThan(0.85 * TARGET_SUBMISSION_SECONDS);
      expect(seconds(cpu, size)).toBeLessThan(1.2 * TARGET_SUBMISSION_SECONDS);
    }
  });
});

test('a fixed split keeps its size, whatever the dispatches take', async () => {
  const { engine, dispatches } = simulatedEngine({ fixed: 3, perStep: 1, fallback: false });
  const never = new Promise<never>(() => {});
  const running = advanceAll(engine, 10, fixedSplit(4), NO_PROGRESS, never);
  await vi.runAllTimersAsync();
  const result = await running;
  expect(dispatches.map((d) => d.steps)).toEqual([4, 4, 2]);
  expect(result).toEqual({ elapsed: 19, dispatches: 3, largest: 4 });
});

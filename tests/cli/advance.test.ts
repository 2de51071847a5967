/**
 * How a run is split into dispatches, on a stand-in engine whose submissions take a
 * simulated time (fake timers, fake performance.now): a dispatch of c steps takes
 * fixed + perStep · c seconds, and the split should settle where a dispatch lasts about
 * TARGET_SUBMISSION_SECONDS, or longer where the fixed cost alone would dominate it.
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
  /** Factor on every time, from the simulated second `at` on: another program's load. */
  slowdown?: { at: number; until: number; factor: number };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** An engine whose GPU runs one submission after another, at the speed of `machine`. */
function simulatedEngine(machine: Machine) {
  const dispatches: number[] = [];
  let busyUntil = 0;
  const engine = {
    advance(steps: number) {
      dispatches.push(steps);
      const start = Math.max(performance.now(), busyUntil);
      const slow = machine.slowdown;
      const factor = slow && start >= slow.at * 1000 && start < slow.until * 1000 ? slow.factor : 1;
      busyUntil = start + 1000 * factor * (machine.fixed + machine.perStep * steps);
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
  const running = advanceAll(engine, steps, new DispatchSizer(first), NO_PROGRESS, never);
  await vi.runAllTimersAsync();
  return { ...(await running), sizes: dispatches };
}

const seconds = (machine: Machine, steps: number) => machine.fixed + machine.perStep * steps;

describe('the automatic split', () => {
  test('grows from the budget until a dispatch lasts about the target', async () => {
    // A GPU: 0.2 ms a step, 10 µs fixed; the budget's 22 steps take 4 ms.
    const gpu = { fixed: 1e-5, perStep: 2e-4 };
    const { sizes } = await runOn(gpu, 100_000, 22);
    expect(sizes[0]).toBe(22);
    const settled = sizes.slice(-10, -1);
    for (const size of settled) {
      expect(seconds(gpu, size)).toBeGreaterThan(0.8 * TARGET_SUBMISSION_SECONDS);
      expect(seconds(gpu, size)).toBeLessThanOrEqual(1.01 * TARGET_SUBMISSION_SECONDS);
    }
    // Never more than four times the one measured before.
    for (let i = 2; i < sizes.length; i++) expect(sizes[i]!).toBeLessThanOrEqual(4 * sizes[i - 2]!);
  });

  test('makes dispatches longer than the target where the fixed cost would dominate', async () => {
    // SwiftShader with 1e7 particles: loading and storing them take 1.2 s, a step 0.2 s.
    const cpu = { fixed: 1.2, perStep: 0.2 };
    const { sizes, elapsed } = await runOn(cpu, 1000, 2);
    const settled = sizes.slice(-4, -1);
    for (const size of settled) {
      // The fixed cost at most a fifth of the dispatch: 24 steps or more.
      expect(size).toBeGreaterThanOrEqual(24);
      expect(size).toBeLessThanOrEqual(26);
    }
    // One-step dispatches would take 1000 × 1.4 s, seven times one dispatch of all 1000
    // steps; these, with the fixed cost a fifth of each and the first few short, take about
    // 1.27 times.
    expect(elapsed).toBeLessThan(1.35 * seconds(cpu, 1000));
  });

  test('shrinks while the machine is slowed down, and grows back after', async () => {
    const machine = { fixed: 0.1, perStep: 0.02, slowdown: { at: 5, until: 25, factor: 6 } };
    const { sizes } = await runOn(machine, 3000, 40);
    const afterFirst = sizes.slice(2);
    const smallest = Math.min(...afterFirst);
    // Six times slower: 45 steps would take 6 s; the fixed cost's fifth holds 20 steps...
    expect(smallest).toBeLessThanOrEqual(21);
    // ...and once the load is gone the split returns to about the target, 45 steps.
    const last = sizes.slice(-5, -1);
    for (const size of last) expect(size).toBeGreaterThanOrEqual(40);
  });
});

test('a fixed split keeps its size, whatever the dispatches take', async () => {
  const { engine, dispatches } = simulatedEngine({ fixed: 3, perStep: 1 });
  const never = new Promise<never>(() => {});
  const running = advanceAll(engine, 10, fixedSplit(4), NO_PROGRESS, never);
  await vi.runAllTimersAsync();
  const result = await running;
  expect(dispatches).toEqual([4, 4, 2]);
  expect(result).toEqual({ elapsed: 19, dispatches: 3, largest: 4 });
});

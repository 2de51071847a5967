/**
 * How advanceAll splits a run, on a stand-in engine whose submissions take a simulated time
 * (fake timers, fake performance.now): dispatches of the budget while they are short, and
 * shorter ones once a dispatch has taken longer than MAX_SUBMISSION_SECONDS.
 */

import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { MAX_SUBMISSION_SECONDS, advanceAll } from '../../src/cli/advance';
import { NO_PROGRESS } from '../../src/cli/progress';
import type { FlowEngine } from '../../src/engine/engine';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * An engine whose GPU runs one submission after another, each taking `fixed` seconds plus
 * `perStep` seconds per step; it records the steps of each dispatch.
 */
function simulatedEngine(perStep: number, fixed: number) {
  const dispatches: number[] = [];
  let busyUntil = 0;
  const engine = {
    advance(steps: number) {
      dispatches.push(steps);
      busyUntil = Math.max(performance.now(), busyUntil) + 1000 * (fixed + perStep * steps);
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

async function split(perStep: number, fixed: number, steps: number, most: number) {
  const { engine, dispatches } = simulatedEngine(perStep, fixed);
  const never = new Promise<never>(() => {});
  const running = advanceAll(engine, steps, most, true, NO_PROGRESS, never);
  await vi.runAllTimersAsync();
  const result = await running;
  return { result, dispatches };
}

test('dispatches that stay short keep the budget', async () => {
  // 20 steps of 0.02 s plus 0.1 s: 0.5 s a dispatch.
  const { result, dispatches } = await split(0.02, 0.1, 100, 20);
  expect(dispatches).toEqual([20, 20, 20, 20, 20]);
  expect(result.largest).toBe(20);
  expect(result.elapsed).toBeCloseTo(2.5, 6);
});

test('a dispatch longer than the limit makes the later ones fit it, never below 1', async () => {
  // 20 steps of 0.1 s: 2 s. The two first go in before any has finished.
  const { dispatches } = await split(0.1, 0, 100, 20);
  expect(dispatches.slice(0, 2)).toEqual([20, 20]);
  expect(dispatches.slice(2).every((steps) => steps === 10 * MAX_SUBMISSION_SECONDS)).toBe(true);
  expect(dispatches.reduce((sum, steps) => sum + steps, 0)).toBe(100);

  // A single step longer than the limit: one step a dispatch once the first has finished.
  const slow = await split(3, 0, 10, 4);
  expect(slow.dispatches).toEqual([4, 4, 1, 1]);
});

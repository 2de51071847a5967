/**
 * Advancing a whole run on the GPU in short submissions, shared by `run` and `bench`: the
 * split of dispatch.ts, a bounded queue, progress, and device loss turned into an error.
 */

import type { FlowEngine } from '../engine/engine';
import { CliError } from './errors';
import type { DispatchSplit } from './dispatch';
import type { Progress } from './progress';

/** A promise that rejects when the device is lost for any reason but our own destroy(). */
export function whenLost(device: GPUDevice): Promise<never> {
  const lost = device.lost.then((info) => {
    if (info.reason === 'destroyed') return new Promise<never>(() => {});
    throw new CliError(`the GPU device was lost: ${info.message || 'no reason given'}`);
  });
  lost.catch(() => {}); // observed by the races below; never an unhandled rejection
  return lost;
}

/** How a run was split, for the report. */
export interface AdvanceResult {
  /** Seconds from the first submission to the last completion. */
  elapsed: number;
  dispatches: number;
  /** Steps of the largest dispatch. */
  largest: number;
}

/**
 * Advances `steps` steps, one dispatch per submission, each of the size `split` gives, and
 * tells `split` how long each took. The split does not change the results. One submission
 * waits in the queue while the previous one runs, so the GPU does not idle between them,
 * and a dispatch's time is measured from the completion of the one before it.
 */
export async function advanceAll(
  engine: FlowEngine,
  steps: number,
  split: DispatchSplit,
  progress: Progress,
  lost: Promise<never>,
): Promise<AdvanceResult> {
  const queue = engine.device.queue;
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  let dispatches = 0;
  let largest = 0;
  let pending: { done: Promise<undefined>; steps: number } | null = null;
  // The last completion seen: its time and the steps done by then.
  let mark = { time: 0, steps: 0 };
  for (let done = 0; done < steps; ) {
    const now = Math.min(split.next, steps - done);
    engine.advance(now, now);
    done += now;
    dispatches++;
    largest = Math.max(largest, now);
    const submitted = { done: queue.onSubmittedWorkDone(), steps: done };
    if (pending !== null) {
      await Promise.race([pending.done, lost]);
      const time = seconds();
      progress.update(pending.steps, time);
      split.observe(pending.steps - mark.steps, time - mark.time);
      mark = { time, steps: pending.steps };
    }
    pending = submitted;
  }
  if (pending !== null) await Promise.race([pending.done, lost]);
  const elapsed = seconds();
  progress.update(steps, elapsed);
  progress.finish();
  return { elapsed, dispatches, largest };
}

/**
 * Advancing a whole run on the GPU in short submissions, shared by `run` and `bench`: the
 * split of dispatch.ts, a bounded queue, progress, and device loss turned into an error.
 */

import type { FlowEngine } from '../engine/engine';
import { CliError } from './errors';
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

/**
 * Seconds past which a submission is too long: the progress bar would stall, and a watchdog
 * (Windows' kills a submission after 2 s) would come close.
 */
export const MAX_SUBMISSION_SECONDS = 1;

/** How a run was split, for the report. */
export interface AdvanceResult {
  /** Seconds from the first submission to the last completion. */
  elapsed: number;
  dispatches: number;
  /** Steps of the largest dispatch. */
  largest: number;
}

/**
 * Advances `steps` steps, one dispatch per submission, each of at most `most` steps. With
 * `adaptive`, a dispatch that took longer than MAX_SUBMISSION_SECONDS (an adapter slower
 * than the budget of dispatch.ts assumes) makes the later ones shorter, to what the
 * measured rate fits in that time; they never grow past `most`, as each dispatch also
 * costs a fixed time per particle that only long dispatches hide. The split does not
 * change the results. One submission waits in the queue while the previous one runs, so
 * the GPU does not idle between them.
 */
export async function advanceAll(
  engine: FlowEngine,
  steps: number,
  most: number,
  adaptive: boolean,
  progress: Progress,
  lost: Promise<never>,
): Promise<AdvanceResult> {
  const queue = engine.device.queue;
  const start = performance.now();
  const seconds = () => (performance.now() - start) / 1000;
  let chunk = most;
  let dispatches = 0;
  let largest = 0;
  let pending: { done: Promise<undefined>; steps: number } | null = null;
  // The last completion seen: its time and its steps done, to measure the rate.
  let mark = { time: 0, steps: 0 };
  for (let done = 0; done < steps; ) {
    const now = Math.min(chunk, steps - done);
    engine.advance(now, now);
    done += now;
    dispatches++;
    largest = Math.max(largest, now);
    const submitted = { done: queue.onSubmittedWorkDone(), steps: done };
    if (pending !== null) {
      await Promise.race([pending.done, lost]);
      const time = seconds();
      progress.update(pending.steps, time);
      if (adaptive && time - mark.time > MAX_SUBMISSION_SECONDS) {
        const rate = (pending.steps - mark.steps) / (time - mark.time);
        chunk = Math.min(chunk, Math.max(1, Math.floor(rate * MAX_SUBMISSION_SECONDS)));
      }
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

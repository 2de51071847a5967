/**
 * A one-line progress bar on a terminal. When the stream is not a terminal (piped to a file
 * or another program) it draws nothing, so that the output holds only results.
 */

/** Where a run is, as a progress bar shows it. */
export interface Progress {
  /** `done` of the total steps are complete, `elapsed` seconds after the start. */
  update(done: number, elapsed: number): void;
  /** Erases the bar, leaving the line free for what follows. */
  finish(): void;
}

/** A progress that shows nothing. */
export const NO_PROGRESS: Progress = { update() {}, finish() {} };

/** The stream a bar draws on: process.stderr, or a stand-in in tests. */
export interface BarStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Redraws at most this often, in milliseconds: faster is flicker, not information. */
const REDRAW_INTERVAL = 100;

/** Seconds as m:ss, or h:mm:ss past an hour. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const s = String(whole % 60).padStart(2, '0');
  const m = Math.floor(whole / 60) % 60;
  const h = Math.floor(whole / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The narrowest bar drawn, in characters between the brackets. */
const MIN_BAR_WIDTH = 10;

/**
 * Columns the bar leaves free at the end of the line: a terminal wraps a full line, after
 * which `\r` redraws only its last part, and it echoes Ctrl-C as `^C` after the bar.
 */
const SPARE_COLUMNS = 3;

/**
 * The bar's text for `done` of `total` steps of `particles` particles, SPARE_COLUMNS short
 * of `columns`. On a narrow terminal the rate goes first, then the time left, then the bar
 * itself, then the steps.
 */
export function renderBar(
  done: number,
  total: number,
  particles: number,
  elapsed: number,
  columns: number,
): string {
  const fraction = total === 0 ? 1 : done / total;
  const rate = elapsed > 0 ? (done * particles) / elapsed : 0;
  const remaining = done > 0 ? (elapsed * (total - done)) / done : NaN;
  const eta = Number.isFinite(remaining) ? clock(remaining) : '-:--';
  const left = `steps ${done}/${total} `;
  const percent = ` ${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const rights = [
    `${percent}  ${rate.toExponential(2)} particle-steps/s  ETA ${eta}`,
    `${percent}  ETA ${eta}`,
    percent,
  ];
  const room = columns - SPARE_COLUMNS;
  for (const right of rights) {
    const width = room - left.length - right.length - 2;
    if (width < MIN_BAR_WIDTH) continue;
    const filled = Math.round(fraction * width);
    return `${left}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${right}`;
  }
  const short = [`${left.trimEnd()}${percent}`, percent.trim()];
  return short.find((text) => text.length <= room) ?? '';
}

/** A bar for `total` steps of `particles` particles on `stream`, or a silent stand-in. */
export function progressBar(
  total: number,
  particles: number,
  stream: BarStream = process.stderr,
): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(done, elapsed) {
      const now = performance.now();
      if (now - lastDraw < REDRAW_INTERVAL && done < total) return;
      lastDraw = now;
      drawn = true;
      // A pseudo-terminal without a size reports 0 columns: draw for a common width then.
      const line = renderBar(done, total, particles, elapsed, stream.columns || 80);
      stream.write(`\r${line}\x1b[K`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

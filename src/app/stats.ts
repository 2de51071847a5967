/**
 * The stats line: frame rate and particle-steps per second, averaged over about a second
 * so that the numbers can be read, plus the step count since the last reset.
 */

const WINDOW_MS = 1000;

export class Stats {
  private readonly element: HTMLElement;
  private windowStart = -1;
  private frames = 0;
  private particleSteps = 0;
  /** Frames per second over the last window. */
  fps = 0;
  /** Particle-steps per second over the last window. */
  particleStepsPerSecond = 0;

  constructor(element: HTMLElement) {
    this.element = element;
  }

  /**
   * Called on every animation frame at `now` (milliseconds): counts it if it was `drawn`,
   * with the `particleSteps` it computed, and refreshes the line once per window.
   */
  tick(now: number, drawn: boolean, particleSteps: number, describe: () => string): void {
    if (this.windowStart < 0) this.windowStart = now;
    if (drawn) this.frames++;
    this.particleSteps += particleSteps;
    const elapsed = now - this.windowStart;
    if (elapsed < WINDOW_MS) return;
    const moving = this.particleSteps > 0;
    this.fps = (this.frames * 1000) / elapsed;
    this.particleStepsPerSecond = (this.particleSteps * 1000) / elapsed;
    this.windowStart = now;
    this.frames = 0;
    this.particleSteps = 0;
    // While paused there is no rate to show; a slow (CPU) adapter gets a decimal place.
    const fps = this.fps.toFixed(this.fps < 1 ? 2 : this.fps < 10 ? 1 : 0);
    const rates = `${fps} fps · ${formatRate(this.particleStepsPerSecond)} particle-steps/s · `;
    this.element.textContent = `${moving ? rates : ''}${describe()}`;
  }
}

/** 1234567 → "1.23 M". */
export function formatRate(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(0);
}

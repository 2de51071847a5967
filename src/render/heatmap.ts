/**
 * F as a colour texture over the torus, shared by the square (behind the particles) and the
 * donut (its surface). Texel (i, j) holds F at the centre of grid cell (i, j), x along the
 * rows; repeat wrapping makes the linear filter blend across the seam as the torus does.
 */

import { DataTexture, LinearFilter, RGBAFormat, RepeatWrapping } from 'three/webgpu';
import { sampleGrid } from '../math/fourier';
import type { Objective } from '../scene/types';

/** Texels per side: fine enough for modes of order 8 (16 texels per period at least). */
export const HEAT_SIZE = 256;

/** Colour stops, low F to high F: deep blue, near black, deep red. Dark, so that the
 * particles' bright colours stand out on it. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [0.1, 0.26, 0.62],
  [0.06, 0.12, 0.3],
  [0.07, 0.07, 0.09],
  [0.34, 0.1, 0.07],
  [0.72, 0.3, 0.1],
];

/** The colour of t ∈ [0, 1] on the scale, as 0–255 RGB. */
export function heatColour(t: number): [number, number, number] {
  // A sample that overflowed float32 (an infinite t) gets the middle colour.
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
  const s = clamped * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(s));
  const f = s - i;
  const [a, b] = [STOPS[i]!, STOPS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(255 * (a[k]! + f * (b[k]! - a[k]!)))) as [
    number,
    number,
    number,
  ];
}

export class HeatMap {
  /** HEAT_SIZE² RGBA8 texels; u = x / 2π, v = y / 2π. */
  readonly texture: DataTexture;
  private readonly data = new Uint8Array(HEAT_SIZE * HEAT_SIZE * 4);

  constructor(objective: Objective) {
    this.texture = new DataTexture(this.data, HEAT_SIZE, HEAT_SIZE, RGBAFormat);
    this.texture.name = 'HeatMap.texture';
    this.texture.wrapS = RepeatWrapping;
    this.texture.wrapT = RepeatWrapping;
    this.texture.magFilter = LinearFilter;
    this.texture.minFilter = LinearFilter;
    this.texture.generateMipmaps = false;
    this.update(objective);
  }

  /** Recomputes the texture for `objective`; the scale spans F's range on the grid. */
  update(objective: Objective): void {
    const { values, min, max } = sampleGrid(objective, HEAT_SIZE, HEAT_SIZE);
    // A flat F (no modes) gets the middle colour rather than a division by zero.
    const span = max > min ? max - min : 1;
    const offset = max > min ? min : min - 0.5;
    for (let k = 0; k < values.length; k++) {
      const [r, g, b] = heatColour((values[k]! - offset) / span);
      this.data.set([r, g, b, 255], k * 4);
    }
    this.texture.needsUpdate = true;
  }

  dispose(): void {
    this.texture.dispose();
  }
}

/** Where the views go in the canvas (src/render/layout.ts). */

import { describe, expect, it } from 'vitest';
import { PLOT_MARGIN, layoutViews } from '../../src/render/layout';
import { heatColour } from '../../src/render/heatmap';

describe('layoutViews', () => {
  it('puts the views side by side in a wide canvas, the square first', () => {
    const { square, plot, torus } = layoutViews('both', 1000, 600);
    expect(square).toEqual({ x: 0, y: 0, width: 500, height: 600 });
    expect(torus).toEqual({ x: 500, y: 0, width: 500, height: 600 });
    expect(plot!.width).toBe(plot!.height);
    expect(plot!.x).toBeGreaterThanOrEqual(PLOT_MARGIN.left);
    expect(plot!.x + plot!.width).toBeLessThanOrEqual(500 - PLOT_MARGIN.right);
    expect(plot!.y + plot!.height).toBeLessThanOrEqual(600 - PLOT_MARGIN.bottom);
  });

  it('stacks the views in a tall canvas', () => {
    const { square, torus } = layoutViews('both', 400, 900);
    expect(square).toEqual({ x: 0, y: 0, width: 400, height: 450 });
    expect(torus).toEqual({ x: 0, y: 450, width: 400, height: 450 });
  });

  it('gives one view the whole canvas', () => {
    expect(layoutViews('square', 300, 200).torus).toBeNull();
    expect(layoutViews('torus', 300, 200)).toEqual({
      square: null,
      plot: null,
      torus: { x: 0, y: 0, width: 300, height: 200 },
    });
  });

  it('keeps a plot of at least one pixel in a tiny canvas', () => {
    const { plot } = layoutViews('square', 10, 10);
    expect(plot!.width).toBe(1);
  });
});

describe('heatColour', () => {
  it('runs from blue through near black to orange, clamped outside [0, 1]', () => {
    const [r0, , b0] = heatColour(0);
    const [r1, , b1] = heatColour(1);
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
    expect(Math.max(...heatColour(0.5))).toBeLessThan(40);
    expect(heatColour(-3)).toEqual(heatColour(0));
    expect(heatColour(7)).toEqual(heatColour(1));
  });

  it('gives a sample that overflowed float32 the middle colour, not an exception', () => {
    expect(heatColour(NaN)).toEqual(heatColour(0.5));
    expect(heatColour(Infinity)).toEqual(heatColour(0.5));
  });
});

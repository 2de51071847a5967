/**
 * Where each view sits in the canvas. Rectangles are in CSS pixels from the canvas's top
 * left corner, as three.js's WebGPU backend takes viewports and scissors.
 */

import type { Layout } from '../app/settings';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ViewRects {
  /** The whole region of the square view, labels included; null when hidden. */
  square: Rect | null;
  /** The plot area of the square: the region [0, 2π)² maps onto, always square. */
  plot: Rect | null;
  torus: Rect | null;
}

/** Room left of and below the plot for the tick labels and axis titles, in CSS pixels. */
export const PLOT_MARGIN = { left: 58, right: 16, top: 16, bottom: 50 } as const;

/**
 * Splits a canvas of `width` × `height` CSS pixels between the views of `layout`: side by
 * side when the canvas is wider than tall, else stacked, the square view first.
 */
export function layoutViews(layout: Layout, width: number, height: number): ViewRects {
  const whole = { x: 0, y: 0, width, height };
  if (layout === 'square') return { square: whole, plot: plotIn(whole), torus: null };
  if (layout === 'torus') return { square: null, plot: null, torus: whole };

  const sideBySide = width >= height;
  const first = sideBySide
    ? { x: 0, y: 0, width: Math.floor(width / 2), height }
    : { x: 0, y: 0, width, height: Math.floor(height / 2) };
  const second = sideBySide
    ? { x: first.width, y: 0, width: width - first.width, height }
    : { x: 0, y: first.height, width, height: height - first.height };
  return { square: first, plot: plotIn(first), torus: second };
}

/** The largest square inside `region` that leaves the margins free, centred. */
function plotIn(region: Rect): Rect {
  const { left, right, top, bottom } = PLOT_MARGIN;
  const side = Math.max(
    1,
    Math.floor(Math.min(region.width - left - right, region.height - top - bottom)),
  );
  const spareX = region.width - left - right - side;
  const spareY = region.height - top - bottom - side;
  return {
    x: region.x + left + Math.floor(Math.max(0, spareX) / 2),
    y: region.y + top + Math.floor(Math.max(0, spareY) / 2),
    width: side,
    height: side,
  };
}

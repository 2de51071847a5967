/**
 * HTML labels around the square view: ticks at multiples of π/2 and the axis titles. HTML
 * keeps the text crisp at any pixel ratio and costs nothing on the GPU.
 */

import type { Rect } from './layout';

const TICKS = ['0', 'π/2', 'π', '3π/2', '2π'] as const;

export class AxesOverlay {
  private readonly root: HTMLElement;
  private readonly xTicks: HTMLElement[];
  private readonly yTicks: HTMLElement[];
  private readonly xTitle: HTMLElement;
  private readonly yTitle: HTMLElement;

  /** Adds the labels to `parent`, which must be positioned over the canvas. */
  constructor(parent: HTMLElement) {
    this.root = element('div', 'axes', parent);
    this.xTicks = TICKS.map((text) => element('div', 'tick tick-x', this.root, text));
    this.yTicks = TICKS.map((text) => element('div', 'tick tick-y', this.root, text));
    this.xTitle = element('div', 'axis-title axis-x', this.root, 'generator parameter x');
    this.yTitle = element('div', 'axis-title axis-y', this.root, 'discriminator parameter y');
  }

  /** Places the labels around `plot` (CSS pixels), or hides them when it is null. */
  place(plot: Rect | null): void {
    this.root.hidden = plot === null;
    if (plot === null) return;
    TICKS.forEach((_, k) => {
      const fraction = k / (TICKS.length - 1);
      setPosition(this.xTicks[k]!, plot.x + fraction * plot.width, plot.y + plot.height);
      // y grows upwards, the page's coordinates downwards.
      setPosition(this.yTicks[k]!, plot.x, plot.y + (1 - fraction) * plot.height);
    });
    setPosition(this.xTitle, plot.x + plot.width / 2, plot.y + plot.height);
    setPosition(this.yTitle, plot.x, plot.y + plot.height / 2);
  }

  dispose(): void {
    this.root.remove();
  }
}

function element(tag: string, className: string, parent: HTMLElement, text = ''): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  parent.append(node);
  return node;
}

/** Anchors a label at (x, y); its CSS class offsets it from there. */
function setPosition(node: HTMLElement, x: number, y: number): void {
  node.style.left = `${x}px`;
  node.style.top = `${y}px`;
}

/**
 * The WGSL sources of every pass, assembled from the files in shaders/. Both hosts (the
 * browser app and Node) import the same files through the bundler's `?raw` loader.
 */

import common from '../../shaders/common.wgsl?raw';
import fourier from '../../shaders/fourier.wgsl?raw';
import advance from '../../shaders/advance.wgsl?raw';
import seed from '../../shaders/seed.wgsl?raw';
import colormap from '../../shaders/colormap.wgsl?raw';
import { gradientSource } from './gradientSource';

/**
 * The advance pass for objectives of `order`: common definitions, the Fourier pieces, the
 * gradient written out for that order (with the coefficients as constants when `literal`
 * gives them), and the update rules.
 */
export function advanceSource(order: number, literal: Float32Array | null = null): string {
  return [common, fourier, gradientSource(order, literal), advance].join('\n');
}

/** The seed pass: common definitions and the initial distributions. */
export const SEED_SOURCE = [common, seed].join('\n');

/** `torus_colour(p: vec2<f32>) -> vec3<f32>`, the periodic colour of a starting point. */
export const COLORMAP_SOURCE = colormap;

/**
 * What the engine asks of the adapter, and what it can hold once it has a device. Buffers
 * past the default limits (128 MiB per storage binding, 256 MiB per buffer) exist only if
 * the device was requested with higher limits; past the adapter's own, the engine refuses
 * with a message that names the limit instead of letting a dispatch silently do nothing.
 */

import { POSITION_STRIDE } from './layout';

/** The limits to request from `adapter`: the most it offers for the buffers the engine uses. */
export function requiredLimitsFor(adapter: GPUAdapter): Record<string, number> {
  return {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxComputeWorkgroupsPerDimension: adapter.limits.maxComputeWorkgroupsPerDimension,
  };
}

/** Raised when a particle count does not fit the device; the message names the limit. */
export class ParticleLimitError extends Error {
  override name = 'ParticleLimitError';
}

/**
 * Bytes a particle buffer keeps below the device's limits. A driver may pad the memory it
 * allocates for a buffer: SwiftShader advertises a 1 GiB maxBufferSize, yet runs out of
 * device memory for a buffer of 1 GiB − 8 bytes. 32 particles fewer are not missed.
 */
const LIMIT_MARGIN = 256;

/** The most particles whose buffers fit `limits`. */
export function maxParticles(limits: GPUSupportedLimits): number {
  const perBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  return Math.floor((perBinding - LIMIT_MARGIN) / POSITION_STRIDE);
}

/** Throws a ParticleLimitError when `particles` do not fit the device's buffers. */
export function checkParticleCount(particles: number, limits: GPUSupportedLimits): void {
  const most = maxParticles(limits);
  if (particles <= most) return;
  const bytes = particles * POSITION_STRIDE;
  const binding = limits.maxStorageBufferBindingSize;
  const buffer = limits.maxBufferSize;
  const [name, value] =
    binding <= buffer ? ['maxStorageBufferBindingSize', binding] : ['maxBufferSize', buffer];
  throw new ParticleLimitError(
    `${particles} particles need ${bytes} bytes per position buffer, but this device's ` +
      `${name} is ${value} bytes, ${LIMIT_MARGIN} of them kept spare: at most ${most} ` +
      'particles fit.',
  );
}

/** A 2-D grid of workgroups covering `count` invocations, within the per-dimension limit. */
export interface DispatchGrid {
  x: number;
  y: number;
  /** Invocations covered by one row of the grid: x · workgroup size. */
  rowStride: number;
}

/** The dispatch grid for `count` particles: one row until the row limit, then more rows. */
export function dispatchGrid(count: number, workgroupSize: number, maxPerDimension: number) {
  const groups = Math.max(1, Math.ceil(count / workgroupSize));
  const x = Math.min(groups, maxPerDimension);
  const y = Math.ceil(groups / x);
  if (y > maxPerDimension) {
    throw new ParticleLimitError(
      `${count} particles need ${groups} workgroups, more than a ` +
        `${maxPerDimension} × ${maxPerDimension} dispatch grid holds.`,
    );
  }
  return { x, y, rowStride: x * workgroupSize } satisfies DispatchGrid;
}

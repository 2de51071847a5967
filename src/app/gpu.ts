/**
 * Getting a GPUDevice from the browser, with one distinct, actionable message for each way
 * it can fail: no WebGPU at all, no adapter, or a device request the adapter refuses.
 */

import { requiredLimitsFor } from '../engine/limits';

/** Why no device could be had; `message` is meant for the page. */
export class GpuStartError extends Error {
  override name = 'GpuStartError';

  constructor(
    readonly reason: 'no-webgpu' | 'no-adapter' | 'device-refused',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Requests an adapter and a device with the engine's limits (the most the adapter offers for
 * particle buffers). The same device serves the engine and three.js.
 */
export async function acquireDevice(): Promise<{ adapter: GPUAdapter; device: GPUDevice }> {
  if (!('gpu' in navigator) || navigator.gpu === undefined) {
    throw new GpuStartError(
      'no-webgpu',
      'This browser has no WebGPU (navigator.gpu is missing). Use a recent Chrome, Edge or ' +
        'Safari, or Firefox with WebGPU enabled, over https or on localhost.',
    );
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    adapter = null;
    console.warn('gpu: requestAdapter threw', error);
  }
  if (adapter === null) {
    throw new GpuStartError(
      'no-adapter',
      'WebGPU is present but offered no GPU adapter: the GPU may be blocklisted or ' +
        'hardware acceleration turned off in the browser settings.',
    );
  }
  try {
    const device = await adapter.requestDevice({
      label: 'App.device',
      requiredLimits: requiredLimitsFor(adapter),
    });
    return { adapter, device };
  } catch (error) {
    throw new GpuStartError(
      'device-refused',
      `The GPU adapter refused to create a device: ${(error as Error).message}`,
    );
  }
}

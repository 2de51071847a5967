/**
 * A GPUDevice in Node, from the `webgpu` package (Dawn). On a machine without a GPU, Dawn
 * finds a CPU Vulkan driver (SwiftShader) when VK_ICD_FILENAMES names its ICD file.
 */

import { create, globals } from 'webgpu';
import { requiredLimitsFor } from '../engine/limits';

/** The device and what it runs on. */
export interface NodeGpu {
  device: GPUDevice;
  /** "vendor architecture (description)", for reports and benchmarks. */
  adapterName: string;
  /** Whether it is a fallback adapter: a CPU driver such as SwiftShader, not a GPU. */
  fallbackAdapter: boolean;
}

/** Raised when Node has no WebGPU adapter at all; the message says what to install. */
export class NoAdapterError extends Error {
  override name = 'NoAdapterError';
}

// One Dawn instance for the process, held here for as long as the process lives: a device
// whose GPU object is garbage-collected loses its instance, and Dawn's driver threads with it.
let instance: GPU | null = null;

/** Requests an adapter and a device with the engine's limits raised to the adapter's. */
export async function createNodeGpu(): Promise<NodeGpu> {
  if (instance === null) {
    // The WebGPU constants (GPUBufferUsage, GPUMapMode, ...) as the browser has them.
    Object.assign(globalThis, globals);
    instance = create([]);
  }
  const adapter = await instance.requestAdapter();
  if (adapter === null) {
    throw new NoAdapterError(
      'no WebGPU adapter found: install a GPU driver, or Chromium (for SwiftShader) and ' +
        'set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json',
    );
  }
  const device = await adapter.requestDevice({ requiredLimits: requiredLimitsFor(adapter) });
  const { info } = adapter;
  return { device, adapterName: describeAdapter(info), fallbackAdapter: info.isFallbackAdapter };
}

/** "vendor architecture (description)", as reports and benchmarks name an adapter. */
export function describeAdapter(info: GPUAdapterInfo): string {
  const description = info.description ? ` (${info.description})` : '';
  return `${info.vendor} ${info.architecture}${description}`.trim();
}

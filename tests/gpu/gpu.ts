/**
 * Shared by the engine tests: one Dawn device per test file, and a strict wrapper that
 * fails a test on any validation or out-of-memory error it raised. A missing adapter fails
 * the test: nothing is skipped.
 */

import { createNodeGpu, type NodeGpu } from '../../src/node/dawn';
import { FlowEngine } from '../../src/engine/engine';
import { DEFAULT_SCENE, type Scene } from '../../src/scene/types';

let gpu: Promise<NodeGpu> | null = null;

/** The test file's device, created on first use. */
export function nodeGpu(): Promise<NodeGpu> {
  gpu ??= createNodeGpu();
  return gpu;
}

/**
 * Runs `body` on an engine for `scene` inside validation and out-of-memory error scopes,
 * destroys the engine, and throws if either scope caught an error.
 */
export async function withEngine<T>(
  scene: Scene,
  body: (engine: FlowEngine) => Promise<T>,
): Promise<T> {
  const { device } = await nodeGpu();
  device.pushErrorScope('validation');
  device.pushErrorScope('out-of-memory');
  const engine = new FlowEngine(device, scene);
  try {
    return await body(engine);
  } finally {
    engine.destroy();
    const outOfMemory = await device.popErrorScope();
    const validation = await device.popErrorScope();
    const error = validation ?? outOfMemory;
    if (error !== null) throw new Error(`GPU error: ${error.message}`);
  }
}

/** The default scene with the given fields replaced. */
export function sceneWith(fields: Partial<Scene>): Scene {
  return { ...structuredClone(DEFAULT_SCENE), ...fields };
}

/** Unwrapped coordinates: position + 2π · winding, per particle and axis. */
export function unwrap(positions: ArrayLike<number>, winding: ArrayLike<number>): Float64Array {
  const out = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = positions[i]! + 2 * Math.PI * winding[i]!;
  return out;
}

/** The largest absolute difference between two arrays of equal length. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i]! - b[i]!));
  return most;
}

/** The median absolute difference between two arrays of equal length. */
export function medianDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  const differences = Float64Array.from(a, (v, i) => Math.abs(v - b[i]!)).sort();
  return differences[differences.length >> 1]!;
}

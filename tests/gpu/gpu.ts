/**
 * Shared by the engine tests: one Dawn device per test file, and a strict wrapper that
 * fails a test on any validation or out-of-memory error it raised. A missing adapter fails
 * the test: nothing is skipped.
 */

import { createNodeGpu, type NodeGpu } from '../../src/node/dawn';
import { FlowEngine, type EngineOptions } from '../../src/engine/engine';
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
  options: EngineOptions = { fixedObjective: false },
): Promise<T> {
  const { device } = await nodeGpu();
  device.pushErrorScope('validation');
  device.pushErrorScope('out-of-memory');
  const engine = new FlowEngine(device, scene, options);
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

/**
 * Evaluates a WGSL expression of `p: vec2<f32>` at every point of `points` (x, y
 * interleaved) and returns the vec4<f32> results. `library` holds the functions it calls.
 */
export async function evaluateWgsl(
  library: string,
  expression: string,
  points: Float32Array<ArrayBuffer>,
): Promise<Float32Array> {
  const { device } = await nodeGpu();
  const count = points.length / 2;
  const code = `${library}
@group(0) @binding(0) var<storage, read> points: array<vec2<f32>>;
@group(0) @binding(1) var<storage, read_write> results: array<vec4<f32>>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= ${count}u) { return; }
  let p = points[id.x];
  results[id.x] = ${expression};
}`;
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: 'test.evaluateWgsl', code });
  const pipeline = device.createComputePipeline({
    label: 'test.evaluateWgsl',
    layout: 'auto',
    compute: { module, entryPoint: 'main' },
  });
  const input = device.createBuffer({
    size: points.byteLength,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(input, 0, points);
  const output = device.createBuffer({
    size: count * 16,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  const staging = device.createBuffer({
    size: count * 16,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const group = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: input } },
      { binding: 1, resource: { buffer: output } },
    ],
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, group);
  pass.dispatchWorkgroups(Math.ceil(count / 64));
  pass.end();
  encoder.copyBufferToBuffer(output, 0, staging, 0, count * 16);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const results = new Float32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  for (const buffer of [input, output, staging]) buffer.destroy();
  const error = await device.popErrorScope();
  if (error !== null) throw new Error(`GPU error: ${error.message}`);
  return results;
}

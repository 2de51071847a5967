import { test } from 'vitest';
import { nodeGpu } from './gpu';
import fourier from '../../shaders/fourier.wgsl?raw';
test('trig', async () => {
  const { device } = await nodeGpu();
  const N = 65536;
  const code = fourier.replace(/fn objective_gradient[\s\S]*$/, '') + `
@group(0) @binding(0) var<storage, read_write> out: array<vec4<f32>>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  let x = (f32(i) + 0.5) * 7.0 / ${N}.0 - 0.3;
  let p = unit_phasor(x);
  out[i] = vec4<f32>(x, p.x, p.y, 0.0);
}`;
  const module = device.createShaderModule({ code });
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const buf = device.createBuffer({ size: N * 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const st = device.createBuffer({ size: N * 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass(); pass.setPipeline(pipeline);
  pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: buf } }] }));
  pass.dispatchWorkgroups(N / 64); pass.end();
  enc.copyBufferToBuffer(buf, 0, st, 0, N * 16);
  device.queue.submit([enc.finish()]);
  await st.mapAsync(GPUMapMode.READ);
  const a = new Float32Array(st.getMappedRange());
  let ec = 0, es = 0;
  for (let i = 0; i < N; i++) { const x = a[i*4]!; ec = Math.max(ec, Math.abs(a[i*4+1]! - Math.cos(x))); es = Math.max(es, Math.abs(a[i*4+2]! - Math.sin(x))); }
  console.log('cos err', ec, 'sin err', es);
});

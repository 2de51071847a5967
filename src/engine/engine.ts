/**
 * The flow engine: particles on the torus, advanced by WGSL compute passes on a GPUDevice it
 * is given. It never assumes a browser: the app runs it on the page's device, the tests and
 * the command line on Dawn in Node.
 *
 * The particles live in GPU storage buffers for their whole life. The renderer copies
 * `positions` and `initial` GPU to GPU; only small results come back to the CPU.
 */

import { MAX_ORDER, type Objective, type Scene } from '../scene/types';
import {
  ADVANCE_BINDINGS,
  ADVANCE_PARAMS,
  COEFFICIENTS_SIZE,
  POSITION_STRIDE,
  RULE_CODES,
  SEED_BINDINGS,
  SEED_PARAMS,
  START_CODES,
  WINDING_STRIDE,
  WORKGROUP_SIZE,
  packStruct,
  weightIndex,
} from './layout';
import { checkParticleCount, dispatchGrid, type DispatchGrid } from './limits';
import { SEED_SOURCE, advanceSource } from './shaders';

/** Steps one dispatch advances at most, unless the caller asks otherwise. */
export const DEFAULT_STEPS_PER_DISPATCH = 64;

// Functions, not constants: in Node the GPUBufferUsage global exists only once a device does.
const storageUsage = () =>
  GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
const uniformUsage = () => GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;

/** Bytes read back from the GPU at a time: 64 MiB. */
const READBACK_CHUNK = 2 ** 26;

/**
 * The objective as the WGSL `coefficients` uniform wants it: per pair (n, k), n, k = 0..order,
 * the weights of ∂F/∂x and of ∂F/∂y over the products (Cc, Cs, Sc, Ss) of e^{inx} = (C, S)
 * and e^{iky} = (c, s), at weightIndex (shaders/fourier.wgsl derives them). Modes must be
 * canonical (n > 0, or n = 0 and m > 0), as parseScene returns them.
 */
export function packCoefficients(objective: Objective): {
  data: Float32Array<ArrayBuffer>;
  order: number;
} {
  const order = Math.max(0, ...objective.modes.map((mode) => Math.max(mode.n, Math.abs(mode.m))));
  if (order > MAX_ORDER) {
    throw new RangeError(`an objective of order ${order}; the engine evaluates order ${MAX_ORDER}`);
  }
  const data = new Float32Array(COEFFICIENTS_SIZE / 4);
  for (const { n, m, a, b } of objective.modes) {
    if (n < 0 || (n === 0 && m <= 0)) {
      throw new RangeError(`mode (${n}, ${m}) is not canonical: fold it with foldModes first`);
    }
    const sign = m < 0 ? -1 : 1;
    // The slope along the phase, b Cc − σa Cs − a Sc − σb Ss, weighed by n and by m.
    const slope = [b, -sign * a, -a, -sign * b];
    for (const [axis, factor] of [
      [0, n],
      [1, m],
    ] as const) {
      const entry = 4 * weightIndex(n, Math.abs(m), order, axis);
      slope.forEach((weight, j) => (data[entry + j] += factor * weight));
    }
  }
  return { data, order };
}

/** How the engine builds its advance pipelines. */
export interface EngineOptions {
  /**
   * Write the objective's coefficients into the shader as constants, with a pipeline per
   * objective: faster on CPU drivers, for runs whose objective stays fixed (the command
   * line). The app, whose coefficients change as a slider moves, reads them from a uniform.
   */
  fixedObjective: boolean;
}

/** The particle buffers of one particle count, with the bind groups that use them. */
interface ParticleBuffers {
  count: number;
  grid: DispatchGrid;
  positions: GPUBuffer;
  initial: GPUBuffer;
  winding: GPUBuffer;
  advanceGroup: GPUBindGroup;
  seedGroup: GPUBindGroup;
}

export class FlowEngine {
  readonly device: GPUDevice;

  private readonly advanceLayout: GPUBindGroupLayout;
  private readonly advancePipelineLayout: GPUPipelineLayout;
  /**
   * One advance pipeline per rule, k_D and objective order (and per objective, with
   * `fixedObjective`), built when first needed.
   */
  private readonly advancePipelines = new Map<string, GPUComputePipeline>();
  private advancePipeline: GPUComputePipeline | null = null;
  private readonly seedPipeline: GPUComputePipeline;
  private readonly advanceParams: GPUBuffer;
  private readonly seedParams: GPUBuffer;
  private readonly coefficients: GPUBuffer;
  private readonly nonFinite: GPUBuffer;
  private particles: ParticleBuffers | null = null;
  private dynamics: Record<string, number> = {};

  /** Builds the pipelines, then seeds `scene.particles` particles and loads its dynamics. */
  constructor(
    device: GPUDevice,
    scene: Scene,
    private readonly options: EngineOptions = { fixedObjective: false },
  ) {
    // Refuse before allocating anything, so that a refused engine leaves nothing behind.
    checkParticleCount(scene.particles, device.limits);
    this.device = device;
    this.advanceLayout = createAdvanceLayout(device);
    this.advancePipelineLayout = device.createPipelineLayout({
      label: 'FlowEngine.advancePipelineLayout',
      bindGroupLayouts: [this.advanceLayout],
    });
    this.seedPipeline = createSeedPipeline(device);
    this.advanceParams = device.createBuffer({
      label: 'FlowEngine.advanceParams',
      size: ADVANCE_PARAMS.size,
      usage: uniformUsage(),
    });
    this.seedParams = device.createBuffer({
      label: 'FlowEngine.seedParams',
      size: SEED_PARAMS.size,
      usage: uniformUsage(),
    });
    this.coefficients = device.createBuffer({
      label: 'FlowEngine.coefficients',
      size: COEFFICIENTS_SIZE,
      usage: uniformUsage(),
    });
    this.nonFinite = device.createBuffer({
      label: 'FlowEngine.nonFinite',
      size: 4,
      usage: storageUsage(),
    });
    this.setDynamics(scene);
    this.reseed(scene);
  }

  /** Particles currently held. */
  get count(): number {
    return this.buffers().count;
  }

  /** Positions, vec2<f32> radians in [0, 2π) per particle (NaN once a particle blew up). */
  get positions(): GPUBuffer {
    return this.buffers().positions;
  }

  /** Starting positions, vec2<f32> per particle, as seeded. */
  get initial(): GPUBuffer {
    return this.buffers().initial;
  }

  /** Seam crossings, vec2<i32> per particle: + when x (or y) passed 2π upwards. */
  get winding(): GPUBuffer {
    return this.buffers().winding;
  }

  /**
   * Loads the objective, rule, k_D and step sizes of `scene`. Cheap: two uniform writes (and
   * a pipeline build the first time a rule, k_D or order is used); the particles stay put.
   */
  setDynamics(scene: Scene): void {
    const { data, order } = packCoefficients(scene.objective);
    this.device.queue.writeBuffer(this.coefficients, 0, data);
    // n·a can overflow float32 even when a does not; such weights stay in the uniform, where
    // they make the particles blow up (and be counted) rather than the shader fail to build.
    const literal = this.options.fixedObjective && data.every(Number.isFinite) ? data : null;
    this.advancePipeline = this.advancePipelineFor(scene, order, literal);
    this.dynamics = { etaG: scene.etaG, etaD: scene.etaD, dt: scene.dt };
  }

  /**
   * Places `scene.particles` particles by its start distribution and seed, and zeroes their
   * winding numbers and the blow-up count. Reallocates only when the count changes; throws a
   * ParticleLimitError (before touching anything) when the count does not fit the device.
   */
  reseed(scene: Scene): void {
    if (this.particles?.count !== scene.particles) {
      checkParticleCount(scene.particles, this.device.limits);
      const grid = dispatchGrid(
        scene.particles,
        WORKGROUP_SIZE,
        this.device.limits.maxComputeWorkgroupsPerDimension,
      );
      this.destroyParticles();
      this.particles = this.createParticles(scene.particles, grid);
    }
    const { count, grid, seedGroup } = this.buffers();
    const start = scene.start;
    const values: Record<string, number> = {
      count,
      seed: scene.seed >>> 0,
      kind: START_CODES[start.kind],
      rowStride: grid.rowStride,
    };
    if (start.kind === 'disk') {
      values.centerX = start.center[0];
      values.centerY = start.center[1];
      values.radius = start.radius;
    } else if (start.kind === 'grid') {
      values.gridWidth = start.size[0];
      values.gridHeight = start.size[1];
    }
    this.device.queue.writeBuffer(this.seedParams, 0, packStruct(SEED_PARAMS, values));
    this.device.queue.writeBuffer(this.nonFinite, 0, new Uint32Array([0]));

    const encoder = this.device.createCommandEncoder({ label: 'FlowEngine.reseed' });
    const pass = encoder.beginComputePass({ label: 'FlowEngine.seedPass' });
    pass.setPipeline(this.seedPipeline);
    pass.setBindGroup(0, seedGroup);
    pass.dispatchWorkgroups(grid.x, grid.y);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /**
   * Advances every particle `steps` steps of the current rule. Each dispatch moves the
   * particles at most `stepsPerDispatch` steps in registers; each goes in its own submission,
   * so that no single one runs long. The result does not depend on the split.
   */
  advance(steps: number, stepsPerDispatch = DEFAULT_STEPS_PER_DISPATCH): void {
    const chunk = Math.max(1, Math.floor(stepsPerDispatch));
    const { count, grid, advanceGroup } = this.buffers();
    for (let done = 0; done < steps; done += chunk) {
      const now = Math.min(chunk, steps - done);
      const params = { ...this.dynamics, count, steps: now, rowStride: grid.rowStride };
      this.device.queue.writeBuffer(this.advanceParams, 0, packStruct(ADVANCE_PARAMS, params));
      const encoder = this.device.createCommandEncoder({ label: 'FlowEngine.advance' });
      const pass = encoder.beginComputePass({ label: 'FlowEngine.advancePass' });
      pass.setPipeline(this.advancePipeline!);
      pass.setBindGroup(0, advanceGroup);
      pass.dispatchWorkgroups(grid.x, grid.y);
      pass.end();
      this.device.queue.submit([encoder.finish()]);
    }
  }

  /** Current positions, interleaved x, y per particle. */
  async readPositions(): Promise<Float32Array> {
    return new Float32Array(await this.read(this.positions));
  }

  /** Starting positions, interleaved x, y per particle. */
  async readInitial(): Promise<Float32Array> {
    return new Float32Array(await this.read(this.initial));
  }

  /** Seam crossings, interleaved x, y per particle. */
  async readWinding(): Promise<Int32Array> {
    return new Int32Array(await this.read(this.winding));
  }

  /** Particles whose position became NaN or infinite since the last reseed. */
  async readNonFiniteCount(): Promise<number> {
    return new Uint32Array(await this.read(this.nonFinite))[0]!;
  }

  /** Frees every GPU buffer the engine made. The engine is unusable afterwards. */
  destroy(): void {
    this.destroyParticles();
    for (const buffer of [this.advanceParams, this.seedParams, this.coefficients, this.nonFinite]) {
      buffer.destroy();
    }
  }

  /**
   * The advance pipeline of the scene's rule (and k_D, for the alternating rules) for
   * objectives of `order`.
   */
  private advancePipelineFor(
    scene: Scene,
    order: number,
    literal: Float32Array | null,
  ): GPUComputePipeline {
    const rule = scene.rule;
    const alternating = rule === 'agd' || rule === 'agd-generator-first';
    const discriminatorSteps = alternating ? scene.discriminatorSteps : 1;
    const objective = literal === null ? '' : `:${literal.join(',')}`;
    const key = `${rule}:${discriminatorSteps}:${order}${objective}`;
    let pipeline = this.advancePipelines.get(key);
    if (pipeline === undefined) {
      const module = this.device.createShaderModule({
        label: `FlowEngine.advanceShader(${order})`,
        code: advanceSource(order, literal),
      });
      pipeline = this.device.createComputePipeline({
        label: `FlowEngine.advancePipeline(${rule}, k_D ${discriminatorSteps}, order ${order})`,
        layout: this.advancePipelineLayout,
        compute: {
          module,
          entryPoint: 'advance',
          constants: {
            WORKGROUP_SIZE,
            RULE: RULE_CODES[rule],
            DISCRIMINATOR_STEPS: discriminatorSteps,
          },
        },
      });
      this.advancePipelines.set(key, pipeline);
    }
    return pipeline;
  }

  private buffers(): ParticleBuffers {
    if (this.particles === null) throw new Error('FlowEngine: used after destroy()');
    return this.particles;
  }

  private createParticles(count: number, grid: DispatchGrid): ParticleBuffers {
    const device = this.device;
    const make = (member: string, stride: number) =>
      device.createBuffer({
        label: `FlowEngine.${member}`,
        size: count * stride,
        usage: storageUsage(),
      });
    const positions = make('positions', POSITION_STRIDE);
    const initial = make('initial', POSITION_STRIDE);
    const winding = make('winding', WINDING_STRIDE);
    const advanceGroup = device.createBindGroup({
      label: 'FlowEngine.advanceGroup',
      layout: this.advanceLayout,
      entries: [
        { binding: ADVANCE_BINDINGS.params, resource: { buffer: this.advanceParams } },
        { binding: ADVANCE_BINDINGS.coefficients, resource: { buffer: this.coefficients } },
        { binding: ADVANCE_BINDINGS.positions, resource: { buffer: positions } },
        { binding: ADVANCE_BINDINGS.winding, resource: { buffer: winding } },
        { binding: ADVANCE_BINDINGS.nonFinite, resource: { buffer: this.nonFinite } },
      ],
    });
    const seedGroup = device.createBindGroup({
      label: 'FlowEngine.seedGroup',
      layout: this.seedPipeline.getBindGroupLayout(0),
      entries: [
        { binding: SEED_BINDINGS.params, resource: { buffer: this.seedParams } },
        { binding: SEED_BINDINGS.positions, resource: { buffer: positions } },
        { binding: SEED_BINDINGS.initial, resource: { buffer: initial } },
        { binding: SEED_BINDINGS.winding, resource: { buffer: winding } },
      ],
    });
    return { count, grid, positions, initial, winding, advanceGroup, seedGroup };
  }

  private destroyParticles(): void {
    if (this.particles === null) return;
    this.particles.positions.destroy();
    this.particles.initial.destroy();
    this.particles.winding.destroy();
    this.particles = null;
  }

  /**
   * The contents of `source`, copied through a mappable buffer of at most READBACK_CHUNK
   * bytes, a slice at a time: a mappable buffer as large as the largest storage buffer can
   * fail to map (SwiftShader refuses 1 GiB), and would double the GPU memory a run needs.
   */
  private async read(source: GPUBuffer): Promise<ArrayBuffer> {
    const result = new ArrayBuffer(source.size);
    const staging = this.device.createBuffer({
      label: 'FlowEngine.readback',
      size: Math.min(source.size, READBACK_CHUNK),
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    try {
      for (let offset = 0; offset < source.size; offset += staging.size) {
        const size = Math.min(staging.size, source.size - offset);
        const encoder = this.device.createCommandEncoder({ label: 'FlowEngine.readback' });
        encoder.copyBufferToBuffer(source, offset, staging, 0, size);
        this.device.queue.submit([encoder.finish()]);
        await staging.mapAsync(GPUMapMode.READ, 0, size);
        new Uint8Array(result, offset, size).set(new Uint8Array(staging.getMappedRange(0, size)));
        staging.unmap();
      }
    } finally {
      staging.destroy();
    }
    return result;
  }
}

/** The advance pass's bindings, one comment per WGSL variable. */
function createAdvanceLayout(device: GPUDevice): GPUBindGroupLayout {
  const compute = GPUShaderStage.COMPUTE;
  return device.createBindGroupLayout({
    label: 'FlowEngine.advanceLayout',
    entries: [
      // params: AdvanceParams
      { binding: ADVANCE_BINDINGS.params, visibility: compute, buffer: { type: 'uniform' } },
      // coefficients: array<vec4<f32>, MAX_WEIGHTS>
      { binding: ADVANCE_BINDINGS.coefficients, visibility: compute, buffer: { type: 'uniform' } },
      // positions: array<vec2<f32>>
      { binding: ADVANCE_BINDINGS.positions, visibility: compute, buffer: { type: 'storage' } },
      // winding: array<vec2<i32>>
      { binding: ADVANCE_BINDINGS.winding, visibility: compute, buffer: { type: 'storage' } },
      // nonFinite: atomic<u32>
      { binding: ADVANCE_BINDINGS.nonFinite, visibility: compute, buffer: { type: 'storage' } },
    ],
  });
}

function createSeedPipeline(device: GPUDevice): GPUComputePipeline {
  const module = device.createShaderModule({ label: 'FlowEngine.seedShader', code: SEED_SOURCE });
  return device.createComputePipeline({
    label: 'FlowEngine.seedPipeline',
    layout: 'auto',
    compute: { module, entryPoint: 'seed', constants: { WORKGROUP_SIZE } },
  });
}

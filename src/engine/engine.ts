/**
 * The flow engine: particles on the torus, advanced by WGSL compute passes on a GPUDevice it
 * is given. It never assumes a browser: the app runs it on the page's device, the tests and
 * the command line on Dawn in Node.
 *
 * The particles live in GPU storage buffers for their whole life. The renderer copies
 * `positions` and `initial` GPU to GPU; only small results come back to the CPU.
 */

import { MAX_MODES, type Scene } from '../scene/types';
import {
  ADVANCE_BINDINGS,
  ADVANCE_PARAMS,
  MODES_SIZE,
  POSITION_STRIDE,
  RULE_CODES,
  SEED_BINDINGS,
  SEED_PARAMS,
  START_CODES,
  WINDING_STRIDE,
  WORKGROUP_SIZE,
  packStruct,
} from './layout';
import { checkParticleCount, dispatchGrid, type DispatchGrid } from './limits';
import { ADVANCE_SOURCE, SEED_SOURCE } from './shaders';

/** Steps one dispatch advances at most, unless the caller asks otherwise. */
export const DEFAULT_STEPS_PER_DISPATCH = 64;

// Functions, not constants: in Node the GPUBufferUsage global exists only once a device does.
const storageUsage = () =>
  GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
const uniformUsage = () => GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;

/** The modes as the WGSL `modes` uniform wants them: vec4(n, m, a, b), zero-padded. */
export function packModes(scene: Scene): { data: Float32Array<ArrayBuffer>; maxOrder: number } {
  const modes = scene.objective.modes;
  if (modes.length > MAX_MODES) {
    throw new RangeError(`${modes.length} modes given; the engine evaluates at most ${MAX_MODES}`);
  }
  const data = new Float32Array(MAX_MODES * 4);
  let maxOrder = 0;
  modes.forEach((mode, i) => {
    data.set([mode.n, mode.m, mode.a, mode.b], i * 4);
    maxOrder = Math.max(maxOrder, Math.abs(mode.n), Math.abs(mode.m));
  });
  return { data, maxOrder };
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

  private readonly advancePipeline: GPUComputePipeline;
  private readonly seedPipeline: GPUComputePipeline;
  private readonly advanceParams: GPUBuffer;
  private readonly seedParams: GPUBuffer;
  private readonly modes: GPUBuffer;
  private readonly nonFinite: GPUBuffer;
  private particles: ParticleBuffers | null = null;
  private dynamics: Record<string, number> = {};

  /** Builds the pipelines, then seeds `scene.particles` particles and loads its dynamics. */
  constructor(device: GPUDevice, scene: Scene) {
    // Refuse before allocating anything, so that a refused engine leaves nothing behind.
    checkParticleCount(scene.particles, device.limits);
    this.device = device;
    this.advancePipeline = createPipeline(device, 'advance', ADVANCE_SOURCE);
    this.seedPipeline = createPipeline(device, 'seed', SEED_SOURCE);
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
    this.modes = device.createBuffer({
      label: 'FlowEngine.modes',
      size: MODES_SIZE,
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
   * Loads the objective, rule and step sizes of `scene`. Cheap: two uniform writes, and the
   * particles stay where they are.
   */
  setDynamics(scene: Scene): void {
    const { data, maxOrder } = packModes(scene);
    this.device.queue.writeBuffer(this.modes, 0, data);
    this.dynamics = {
      rule: RULE_CODES[scene.rule],
      modeCount: scene.objective.modes.length,
      etaG: scene.etaG,
      etaD: scene.etaD,
      dt: scene.dt,
      discriminatorSteps: scene.discriminatorSteps,
      maxOrder,
    };
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
      pass.setPipeline(this.advancePipeline);
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
    for (const buffer of [this.advanceParams, this.seedParams, this.modes, this.nonFinite]) {
      buffer.destroy();
    }
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
      layout: this.advancePipeline.getBindGroupLayout(0),
      entries: [
        { binding: ADVANCE_BINDINGS.params, resource: { buffer: this.advanceParams } },
        { binding: ADVANCE_BINDINGS.modes, resource: { buffer: this.modes } },
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

  private async read(source: GPUBuffer): Promise<ArrayBuffer> {
    const staging = this.device.createBuffer({
      label: 'FlowEngine.readback',
      size: source.size,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const encoder = this.device.createCommandEncoder({ label: 'FlowEngine.readback' });
    encoder.copyBufferToBuffer(source, 0, staging, 0, source.size);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const copy = staging.getMappedRange().slice(0);
    staging.unmap();
    staging.destroy();
    return copy;
  }
}

function createPipeline(device: GPUDevice, entryPoint: string, code: string): GPUComputePipeline {
  const module = device.createShaderModule({ label: `FlowEngine.${entryPoint}Shader`, code });
  return device.createComputePipeline({
    label: `FlowEngine.${entryPoint}Pipeline`,
    layout: 'auto',
    compute: { module, entryPoint, constants: { WORKGROUP_SIZE } },
  });
}

/**
 * The particles as three.js sees them: two storage attributes that three owns, filled GPU
 * to GPU from the engine's buffers. Positions are copied every frame, starting positions
 * only after a reseed. Nothing passes through the CPU.
 */

import { StorageBufferAttribute, type WebGPURenderer } from 'three/webgpu';
import type { FlowEngine } from '../engine/engine';
import { POSITION_STRIDE } from '../engine/layout';

export class ParticleBuffers {
  /** Particles the attributes hold. */
  readonly count: number;
  /** Current positions, vec2 radians per particle (three's copy of `engine.positions`). */
  readonly positions: StorageBufferAttribute;
  /** Starting positions, vec2 radians per particle (three's copy of `engine.initial`). */
  readonly initial: StorageBufferAttribute;
  private initialStale = true;

  // Limitation: three allocates a GPU buffer only from a CPU array of the same size, so the
  // two attributes also hold 16 bytes per particle of (never written) page memory.
  constructor(count: number) {
    this.count = count;
    this.positions = new StorageBufferAttribute(count, 2);
    this.positions.name = 'ParticleBuffers.positions';
    this.initial = new StorageBufferAttribute(count, 2);
    this.initial.name = 'ParticleBuffers.initial';
  }

  /** Asks for the starting positions to be copied again at the next `encodeCopy`. */
  markReseeded(): void {
    this.initialStale = true;
  }

  /**
   * Encodes the copies from the engine's buffers into three's. Returns false, encoding
   * nothing, while three has not yet created its buffers (before the first render) or when
   * the engine holds a different number of particles.
   */
  encodeCopy(renderer: WebGPURenderer, engine: FlowEngine, encoder: GPUCommandEncoder): boolean {
    const positions = threeBufferOf(renderer, this.positions);
    const initial = threeBufferOf(renderer, this.initial);
    if (positions === undefined || initial === undefined || engine.count !== this.count) {
      return false;
    }
    const bytes = this.count * POSITION_STRIDE;
    encoder.copyBufferToBuffer(engine.positions, 0, positions, 0, bytes);
    if (this.initialStale) {
      encoder.copyBufferToBuffer(engine.initial, 0, initial, 0, bytes);
      this.initialStale = false;
    }
    return true;
  }

  /** Frees three's GPU buffers of both attributes. */
  dispose(): void {
    this.positions.dispose();
    this.initial.dispose();
  }
}

/**
 * The GPUBuffer three created for `attribute`, or undefined before it did. This is the one
 * place that reaches into three's internals: the WebGPU backend keeps per-object data in a
 * map read by `backend.get(object)`, and a storage attribute's buffer is its `buffer` field
 * (three 0.187). Check it when upgrading three; the browser tests fail if it breaks.
 */
function threeBufferOf(
  renderer: WebGPURenderer,
  attribute: StorageBufferAttribute,
): GPUBuffer | undefined {
  const backend = renderer.backend as unknown as { get(object: object): { buffer?: GPUBuffer } };
  return backend.get(attribute).buffer;
}

/**
 * The one source of truth for the memory shared by TypeScript and WGSL: workgroup size,
 * binding numbers, uniform struct layouts and per-particle strides. A test reads the WGSL
 * with wgsl_reflect and checks every number here against it.
 */

import { MAX_ORDER } from '../scene/types';

/** Invocations per workgroup of every compute pass; passed to WGSL as `override WORKGROUP_SIZE`. */
export const WORKGROUP_SIZE = 64;

/** Bytes per particle of the position buffers: vec2<f32>, radians in [0, 2π). */
export const POSITION_STRIDE = 8;

/** Bytes per particle of the winding buffer: vec2<i32>, seam crossings per axis. */
export const WINDING_STRIDE = 8;

/**
 * Bytes of one weight vector of the objective: vec4<f32> over the products (Cc, Cs, Sc, Ss)
 * of e^{inx} = (C, S) and e^{iky} = (c, s) (shaders/fourier.wgsl).
 */
export const WEIGHT_STRIDE = 16;

/** Weight vectors at the highest order: one for ∂F/∂x and one for ∂F/∂y per pair (n, k). */
export const MAX_WEIGHTS = 2 * (MAX_ORDER + 1) ** 2;

/**
 * Index of the weight vector of pair (n, k), n, k = 0..order, for ∂F/∂x (`axis` 0) or ∂F/∂y
 * (`axis` 1): pairs row-major by n, the two axes side by side.
 */
export function weightIndex(n: number, k: number, order: number, axis: 0 | 1): number {
  return 2 * (n * (order + 1) + k) + axis;
}

/** A uniform struct field: its WGSL name, byte offset and scalar kind. */
export interface Field {
  name: string;
  offset: number;
  kind: 'u32' | 'i32' | 'f32';
}

/** A uniform struct: its WGSL name, total size in bytes and fields. */
export interface StructLayout {
  name: string;
  size: number;
  fields: readonly Field[];
}

/** `AdvanceParams` in shaders/advance.wgsl. */
export const ADVANCE_PARAMS: StructLayout = {
  name: 'AdvanceParams',
  size: 32,
  fields: [
    { name: 'count', offset: 0, kind: 'u32' },
    { name: 'steps', offset: 4, kind: 'u32' },
    { name: 'pad0', offset: 8, kind: 'u32' },
    { name: 'pad1', offset: 12, kind: 'u32' },
    { name: 'etaG', offset: 16, kind: 'f32' },
    { name: 'etaD', offset: 20, kind: 'f32' },
    { name: 'dt', offset: 24, kind: 'f32' },
    { name: 'rowStride', offset: 28, kind: 'u32' },
  ],
};

/** `SeedParams` in shaders/seed.wgsl. */
export const SEED_PARAMS: StructLayout = {
  name: 'SeedParams',
  size: 48,
  fields: [
    { name: 'count', offset: 0, kind: 'u32' },
    { name: 'seed', offset: 4, kind: 'u32' },
    { name: 'kind', offset: 8, kind: 'u32' },
    { name: 'rowStride', offset: 12, kind: 'u32' },
    { name: 'centerX', offset: 16, kind: 'f32' },
    { name: 'centerY', offset: 20, kind: 'f32' },
    { name: 'radius', offset: 24, kind: 'f32' },
    { name: 'gridWidth', offset: 28, kind: 'u32' },
    { name: 'gridHeight', offset: 32, kind: 'u32' },
    { name: 'pad0', offset: 36, kind: 'u32' },
    { name: 'pad1', offset: 40, kind: 'u32' },
    { name: 'pad2', offset: 44, kind: 'u32' },
  ],
};

/** Bytes of the `coefficients` uniform: array<vec4<f32>, MAX_WEIGHTS>. */
export const COEFFICIENTS_SIZE = MAX_WEIGHTS * WEIGHT_STRIDE;

/** Binding numbers of the advance pass, group 0. */
export const ADVANCE_BINDINGS = {
  params: 0,
  coefficients: 1,
  positions: 2,
  winding: 3,
  nonFinite: 4,
} as const;

/** Binding numbers of the seed pass, group 0. */
export const SEED_BINDINGS = {
  params: 0,
  positions: 1,
  initial: 2,
  winding: 3,
} as const;

/** The advance pass's `override RULE` for each rule, in the order of its `RULE_*` constants. */
export const RULE_CODES = {
  agd: 0,
  'agd-generator-first': 1,
  simultaneous: 2,
  flow: 3,
} as const;

/** Codes of `SeedParams.kind`, in the order of the WGSL `START_*` constants. */
export const START_CODES = { uniform: 0, disk: 1, grid: 2 } as const;

/** Writes the named fields into a fresh buffer laid out as `layout`. */
export function packStruct(layout: StructLayout, values: Record<string, number>): ArrayBuffer {
  const bytes = new ArrayBuffer(layout.size);
  const view = new DataView(bytes);
  for (const field of layout.fields) {
    const value = values[field.name] ?? 0;
    if (field.kind === 'f32') view.setFloat32(field.offset, value, true);
    else if (field.kind === 'i32') view.setInt32(field.offset, value, true);
    else view.setUint32(field.offset, value, true);
  }
  return bytes;
}

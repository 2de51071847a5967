import { describe, expect, test } from 'vitest';
import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import {
  ADVANCE_BINDINGS,
  ADVANCE_PARAMS,
  COEFFICIENTS_SIZE,
  MAX_WEIGHTS,
  WEIGHT_STRIDE,
  POSITION_STRIDE,
  RULE_CODES,
  SEED_BINDINGS,
  SEED_PARAMS,
  START_CODES,
  WINDING_STRIDE,
  WORKGROUP_SIZE,
  packStruct,
  type StructLayout,
} from '../../src/engine/layout';
import { SEED_SOURCE, advanceSource } from '../../src/engine/shaders';
import { MAX_ORDER } from '../../src/scene/types';

// The highest order's source holds every coefficient index the engine reads.
const ADVANCE_SOURCE = advanceSource(MAX_ORDER);

const advance = new WgslReflect(ADVANCE_SOURCE);
const seed = new WgslReflect(SEED_SOURCE);

/** The value of `const NAME: u32 = Nu;` in a WGSL source. */
function wgslConstant(source: string, name: string): number {
  const match = new RegExp(`const ${name}: u32 = (\\d+)u;`).exec(source);
  if (match === null) throw new Error(`no constant ${name} in the WGSL`);
  return Number(match[1]);
}

function expectStruct(reflect: WgslReflect, layout: StructLayout) {
  const struct = reflect.structs.find((s) => s.name === layout.name);
  expect(struct, layout.name).toBeDefined();
  expect(struct!.size).toBe(layout.size);
  const members = struct!.members.map((m) => ({
    name: m.name,
    offset: m.offset,
    kind: m.type.name,
  }));
  expect(members).toEqual(layout.fields.map((f) => ({ ...f })));
}

function bindingsOf(reflect: WgslReflect): Record<string, number> {
  const entries = [...reflect.uniforms, ...reflect.storage].map((v) => {
    expect(v.group).toBe(0);
    return [v.name, v.binding] as const;
  });
  return Object.fromEntries(entries);
}

describe('memory layout matches the WGSL', () => {
  test('uniform structs: names, offsets, kinds and sizes', () => {
    expectStruct(advance, ADVANCE_PARAMS);
    expectStruct(seed, SEED_PARAMS);
  });

  test('binding numbers', () => {
    expect(bindingsOf(advance)).toEqual(ADVANCE_BINDINGS);
    expect(bindingsOf(seed)).toEqual(SEED_BINDINGS);
  });

  test("per-particle strides and the objective's weights", () => {
    const storage = Object.fromEntries(advance.storage.map((v) => [v.name, v.stride]));
    expect(storage.positions).toBe(POSITION_STRIDE);
    expect(storage.winding).toBe(WINDING_STRIDE);
    const coefficients = advance.uniforms.find((u) => u.name === 'coefficients')!;
    expect(coefficients.size).toBe(COEFFICIENTS_SIZE);
    expect(coefficients.stride).toBe(WEIGHT_STRIDE);
    expect(wgslConstant(ADVANCE_SOURCE, 'MAX_WEIGHTS')).toBe(MAX_WEIGHTS);
    expect(wgslConstant(ADVANCE_SOURCE, 'MAX_ORDER')).toBe(MAX_ORDER);
  });

  test('the pipeline constants are the overrides the engine sets', () => {
    expect(advance.overrides.map((o) => o.name).sort()).toEqual([
      'DISCRIMINATOR_STEPS',
      'RULE',
      'WORKGROUP_SIZE',
    ]);
    expect(seed.overrides.map((o) => o.name)).toEqual(['WORKGROUP_SIZE']);
    for (const entry of [...advance.entry.compute, ...seed.entry.compute]) {
      expect(entry.workgroupSize).toMatchObject([WORKGROUP_SIZE, 1, 1]);
    }
  });

  test('rule and start codes', () => {
    expect(wgslConstant(ADVANCE_SOURCE, 'RULE_AGD')).toBe(RULE_CODES.agd);
    expect(wgslConstant(ADVANCE_SOURCE, 'RULE_AGD_GENERATOR_FIRST')).toBe(
      RULE_CODES['agd-generator-first'],
    );
    expect(wgslConstant(ADVANCE_SOURCE, 'RULE_SIMULTANEOUS')).toBe(RULE_CODES.simultaneous);
    expect(wgslConstant(ADVANCE_SOURCE, 'RULE_FLOW')).toBe(RULE_CODES.flow);
    expect(wgslConstant(SEED_SOURCE, 'START_UNIFORM')).toBe(START_CODES.uniform);
    expect(wgslConstant(SEED_SOURCE, 'START_DISK')).toBe(START_CODES.disk);
    expect(wgslConstant(SEED_SOURCE, 'START_GRID')).toBe(START_CODES.grid);
  });
});

test('packStruct writes each field at its offset with its kind', () => {
  const bytes = packStruct(ADVANCE_PARAMS, { count: 7, etaD: 0.25, rowStride: 4096 });
  const view = new DataView(bytes);
  expect(bytes.byteLength).toBe(32);
  expect(view.getUint32(0, true)).toBe(7);
  expect(view.getFloat32(20, true)).toBe(0.25);
  expect(view.getUint32(28, true)).toBe(4096);
  expect(view.getUint32(4, true)).toBe(0);
});

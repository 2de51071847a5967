/**
 * The `.npy` writer against NumPy's format description: magic, version 1.0, header length,
 * the dict, 64-byte alignment, the data's bytes; read back by our parser and by numpy.load
 * itself.
 */

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { npyHeader } from '../../src/cli/npy';
import { NpyError, decodeNpy, encodeNpy } from './npyReader';
import { numpyPython, scratchDir } from './cli';

describe('npy header', () => {
  test('magic, version 1.0, little-endian length, dict, padded to 64 bytes', () => {
    const header = npyHeader(new Float32Array(6), [3, 2]);
    expect(Array.from(header.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const length = header[8]! | (header[9]! << 8);
    expect(header.length).toBe(10 + length);
    expect(header.length % 64).toBe(0);
    const text = new TextDecoder().decode(header.subarray(10));
    expect(text).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 2\), \} *\n$/);
  });

  test('int32, one axis, and a count too large for the shape', () => {
    const text = new TextDecoder().decode(npyHeader(new Int32Array(5), [5]).subarray(10));
    expect(text).toContain("'descr': '<i4'");
    expect(text).toContain("'shape': (5,)");
    expect(() => npyHeader(new Int32Array(5), [2, 2])).toThrow(RangeError);
  });

  test('round trip through the parser, values and types exact', () => {
    const floats = Float32Array.from([0, 1.5, -2.25, Math.PI, 6.2831845, 1e-30]);
    const back = decodeNpy(encodeNpy(floats, [3, 2]));
    expect(back).toEqual({ descr: '<f4', shape: [3, 2], fortranOrder: false, data: floats });
    const ints = Int32Array.from([-1, 0, 1, 2 ** 31 - 1, -(2 ** 31), 7]);
    expect(decodeNpy(encodeNpy(ints, [3, 2])).data).toEqual(ints);
    // An empty array still has a header.
    expect(decodeNpy(encodeNpy(new Float32Array(0), [0, 2])).shape).toEqual([0, 2]);
  });

  test('the parser rejects what it cannot read', () => {
    expect(() => decodeNpy(new Uint8Array(20))).toThrow(NpyError);
    const file = encodeNpy(new Float32Array(4), [2, 2]);
    expect(() => decodeNpy(file.subarray(0, file.length - 1))).toThrow(/data bytes/);
  });
});

// numpy.load is the reader the files are for.
test('numpy.load reads what we write', () => {
  const python = numpyPython();
  const dir = scratchDir();
  writeFileSync(join(dir, 'f.npy'), encodeNpy(Float32Array.from([0.5, 1, 2, 6.25]), [2, 2]));
  writeFileSync(join(dir, 'i.npy'), encodeNpy(Int32Array.from([-3, 4, 5, -6]), [2, 2]));
  const script = [
    'import json, sys, numpy as np',
    'f = np.load(sys.argv[1] + "/f.npy"); i = np.load(sys.argv[1] + "/i.npy")',
    'print(json.dumps([str(f.dtype), f.shape, f.tolist(), str(i.dtype), i.shape, i.tolist()]))',
  ].join('\n');
  const result = spawnSync(python, ['-c', script, dir], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  const [fType, fShape, fValues, iType, iShape, iValues] = JSON.parse(result.stdout);
  expect([fType, fShape, fValues]).toEqual([
    'float32',
    [2, 2],
    [
      [0.5, 1],
      [2, 6.25],
    ],
  ]);
  expect([iType, iShape, iValues]).toEqual([
    'int32',
    [2, 2],
    [
      [-3, 4],
      [5, -6],
    ],
  ]);
});

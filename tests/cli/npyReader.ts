/**
 * Reading `.npy` files back, for the tests: the command line only writes them. Reads
 * float32 and int32 arrays in this machine's byte order, format versions 1.0 to 3.0.
 */

import { MAGIC, PREAMBLE, byteOrder, npyHeader, type NpyArray } from '../../src/cli/npy';

/** A decoded `.npy` file. */
export interface NpyFile {
  /** NumPy's type string, e.g. `<f4` (little-endian float32) or `<i4`. */
  descr: string;
  /** Array shape, outermost axis first. */
  shape: number[];
  fortranOrder: boolean;
  data: NpyArray;
}

/** A whole `.npy` file in memory: header and data. */
export function encodeNpy(data: NpyArray, shape: readonly number[]): Uint8Array {
  const header = npyHeader(data, shape);
  const file = new Uint8Array(header.length + data.byteLength);
  file.set(header, 0);
  file.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), header.length);
  return file;
}

/** Raised for bytes that are not a `.npy` file this codec reads. */
export class NpyError extends Error {
  override name = 'NpyError';
}

/** The value of `key` in the header dict's text, as written by NumPy or by `npyHeader`. */
function dictEntry(dict: string, key: string, pattern: string): string {
  const match = new RegExp(`'${key}'\\s*:\\s*(${pattern})`).exec(dict);
  if (match === null) throw new NpyError(`npy: header has no valid '${key}': ${dict.trim()}`);
  return match[1]!;
}

/**
 * Decodes a `.npy` file of float32 or int32 values in this machine's byte order (versions
 * 1.0 to 3.0). Throws an NpyError for anything else.
 */
export function decodeNpy(bytes: Uint8Array): NpyFile {
  if (bytes.length < PREAMBLE || MAGIC.some((value, i) => bytes[i] !== value)) {
    throw new NpyError('npy: not a .npy file (bad magic string)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new NpyError(`npy: unknown format version ${major}`);
  // Version 1 stores the header length in 2 bytes, versions 2 and 3 in 4.
  const lengthBytes = major === 1 ? 2 : 4;
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + length;
  const dict = new TextDecoder().decode(bytes.subarray(8 + lengthBytes, dataStart));

  const descr = dictEntry(dict, 'descr', "'[^']*'").slice(1, -1);
  const fortranOrder = dictEntry(dict, 'fortran_order', 'True|False') === 'True';
  const shapeText = dictEntry(dict, 'shape', '\\([0-9,\\s]*\\)');
  const shape = shapeText
    .slice(1, -1)
    .split(',')
    .map((side) => side.trim())
    .filter((side) => side !== '')
    .map(Number);

  const order = byteOrder();
  const elements = shape.reduce((product, side) => product * side, 1);
  const raw = bytes.slice(dataStart, dataStart + elements * 4);
  if (raw.length !== elements * 4) {
    throw new NpyError(`npy: ${raw.length} data bytes for shape (${shape.join(', ')})`);
  }
  let data: NpyArray;
  if (descr === `${order}f4`) data = new Float32Array(raw.buffer);
  else if (descr === `${order}i4`) data = new Int32Array(raw.buffer);
  else throw new NpyError(`npy: unsupported dtype ${descr}`);
  return { descr, shape, fortranOrder, data };
}

/**
 * NumPy's `.npy` file format, version 1.0, for the two array kinds the command line writes:
 * float32 and int32 matrices in C order. The layout follows NumPy's format description
 * (numpy.lib.format): a magic string, the version, a little-endian uint16 header length, and
 * a Python dict literal padded with spaces and a newline so that the data starts on a
 * 64-byte boundary. `numpy.load` opens the result directly.
 */

import { endianness } from 'node:os';

/** Typed arrays the codec reads and writes. */
export type NpyArray = Float32Array | Int32Array;

/** A decoded `.npy` file. */
export interface NpyFile {
  /** NumPy's type string, e.g. `<f4` (little-endian float32) or `<i4`. */
  descr: string;
  /** Array shape, outermost axis first. */
  shape: number[];
  fortranOrder: boolean;
  data: NpyArray;
}

/** The magic string every `.npy` file starts with: byte 0x93 then "NUMPY". */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** Magic (6), version (2) and header length (2). */
const PREAMBLE = 10;
/** NumPy aligns the data to 64 bytes so that it can be memory-mapped. */
const ALIGNMENT = 64;

/** The byte-order character of this machine, as NumPy writes it. */
function byteOrder(): '<' | '>' {
  return endianness() === 'LE' ? '<' : '>';
}

/** NumPy's type string for a typed array, in this machine's byte order. */
export function descrOf(data: NpyArray): string {
  return `${byteOrder()}${data instanceof Float32Array ? 'f4' : 'i4'}`;
}

/** Python's repr of a shape tuple: `(3,)` for one axis, `(3, 2)` for two. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * The header of a `.npy` file holding `data` with `shape` in C order: preamble and padded
 * dict, a multiple of 64 bytes long. Write the array's bytes right after it.
 */
export function npyHeader(data: NpyArray, shape: readonly number[]): Uint8Array {
  const elements = shape.reduce((product, side) => product * side, 1);
  if (elements !== data.length) {
    throw new RangeError(`npy: shape ${pythonTuple(shape)} does not hold ${data.length} values`);
  }
  const dict =
    `{'descr': '${descrOf(data)}', 'fortran_order': False, ` + `'shape': ${pythonTuple(shape)}, }`;
  // The dict, then spaces, then one newline, ending on the alignment boundary.
  const unpadded = PREAMBLE + dict.length + 1;
  const padding = (ALIGNMENT - (unpadded % ALIGNMENT)) % ALIGNMENT;
  const text = `${dict}${' '.repeat(padding)}\n`;
  if (text.length > 0xffff) throw new RangeError('npy: header too long for version 1.0');

  const header = new Uint8Array(PREAMBLE + text.length);
  header.set(MAGIC, 0);
  header[6] = 1; // major version
  header[7] = 0; // minor version
  new DataView(header.buffer).setUint16(8, text.length, true);
  for (let i = 0; i < text.length; i++) header[PREAMBLE + i] = text.charCodeAt(i);
  return header;
}

/** A whole `.npy` file in memory: header and data. For small arrays and tests. */
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
    throw new NpyError(`npy: ${raw.length} data bytes for shape ${pythonTuple(shape)}`);
  }
  let data: NpyArray;
  if (descr === `${order}f4`) data = new Float32Array(raw.buffer);
  else if (descr === `${order}i4`) data = new Int32Array(raw.buffer);
  else throw new NpyError(`npy: unsupported dtype ${descr}`);
  return { descr, shape, fortranOrder, data };
}

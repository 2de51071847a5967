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

/** The magic string every `.npy` file starts with: byte 0x93 then "NUMPY". */
export const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** Magic (6), version (2) and header length (2). */
export const PREAMBLE = 10;
/** NumPy aligns the data to 64 bytes so that it can be memory-mapped. */
const ALIGNMENT = 64;

/** The byte-order character of this machine, as NumPy writes it. */
export function byteOrder(): '<' | '>' {
  return endianness() === 'LE' ? '<' : '>';
}

/** NumPy's type string for a typed array, in this machine's byte order. */
function descrOf(data: NpyArray): string {
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

/**
 * The IDX file format MNIST ships in: a 4-byte magic (0, 0, element type, rank), one big-endian
 * uint32 per dimension, then the elements, big-endian. Works on bytes alone, so the same parser
 * serves Node (bytes from fs) and the browser (bytes from fetch or a file input).
 */
export interface IdxArray {
  shape: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const elementTypes = {
  0x08: { name: 'uint8', bytes: 1 },
  0x09: { name: 'int8', bytes: 1 },
  0x0b: { name: 'int16', bytes: 2 },
  0x0c: { name: 'int32', bytes: 4 },
  0x0d: { name: 'float32', bytes: 4 },
  0x0e: { name: 'float64', bytes: 8 },
} as const;

type ElementCode = keyof typeof elementTypes;

function isElementCode(code: number): code is ElementCode {
  return code in elementTypes;
}

/** Parses an IDX file (`train-images-idx3-ubyte` and friends) into its shape and elements. */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new Error(`parseIdx: ${bytes.length} bytes is too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0) throw new Error('parseIdx: not an IDX file (the magic number must start with two zero bytes)');
  const code = view.getUint8(2);
  if (!isElementCode(code)) throw new Error(`parseIdx: unknown element type 0x${code.toString(16)}`);
  const rank = view.getUint8(3);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new Error(`parseIdx: truncated header (rank ${rank} needs ${headerBytes} bytes)`);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((n, d) => n * d, 1);
  const { name, bytes: width } = elementTypes[code];
  const expected = headerBytes + count * width;
  if (bytes.length < expected)
    throw new Error(`parseIdx: shape [${shape.join(', ')}] of ${name} needs ${expected} bytes, the file has ${bytes.length}`);
  return { shape, data: readElements(view, headerBytes, count, code) };
}

function readElements(view: DataView, offset: number, count: number, code: ElementCode): IdxArray['data'] {
  switch (code) {
    case 0x08:
      return new Uint8Array(view.buffer, view.byteOffset + offset, count).slice();
    case 0x09:
      return new Int8Array(view.buffer, view.byteOffset + offset, count).slice();
    case 0x0b:
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i));
    case 0x0c:
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i));
    case 0x0d:
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i));
    case 0x0e:
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i));
  }
}

/** Encodes an array as IDX bytes (how tests build small files; the inverse of `parseIdx` for uint8). */
export function encodeIdx(shape: readonly number[], data: Uint8Array): Uint8Array {
  const headerBytes = 4 + 4 * shape.length;
  const out = new Uint8Array(headerBytes + data.length);
  const view = new DataView(out.buffer);
  view.setUint8(2, 0x08);
  view.setUint8(3, shape.length);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, headerBytes);
  return out;
}

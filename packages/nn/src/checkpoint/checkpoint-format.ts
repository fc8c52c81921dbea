import { formatShape, type DType, type TypedArray } from '@loom/graph';

/**
 * One file holding named tensors: the 8 bytes "LOOMCKPT", a little-endian uint32 header length, a
 * UTF-8 JSON header, zero padding to a multiple of 8, then each tensor's bytes (little-endian) at
 * the offset its header entry gives, relative to the start of the data section.
 */
const magic = 'LOOMCKPT';
export const checkpointVersion = 1;

export interface CheckpointEntry {
  name: string;
  dtype: DType;
  shape: number[];
  offset: number;
  byteLength: number;
}

export interface CheckpointHeader {
  format: 'loom-checkpoint';
  version: number;
  tensors: CheckpointEntry[];
  /** Anything JSON the caller wants kept with the weights (epoch, metrics, model config). */
  metadata: Record<string, unknown>;
}

export interface NamedArray {
  name: string;
  shape: readonly number[];
  data: TypedArray;
}

function dtypeOf(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

const align = (n: number) => Math.ceil(n / 8) * 8;

export function encodeCheckpoint(arrays: readonly NamedArray[], metadata: Record<string, unknown> = {}): ArrayBuffer {
  let offset = 0;
  const tensors = arrays.map(({ name, shape, data }): CheckpointEntry => {
    const entry = { name, dtype: dtypeOf(data), shape: [...shape], offset, byteLength: data.byteLength };
    offset = align(offset + data.byteLength);
    return entry;
  });
  const header: CheckpointHeader = { format: 'loom-checkpoint', version: checkpointVersion, tensors, metadata };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align(magic.length + 4 + json.length);
  const bytes = new Uint8Array(dataStart + offset);
  bytes.set(new TextEncoder().encode(magic), 0);
  new DataView(bytes.buffer).setUint32(magic.length, json.length, true);
  bytes.set(json, magic.length + 4);
  arrays.forEach(({ data }, i) => bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataStart + tensors[i].offset));
  return bytes.buffer;
}

export interface DecodedCheckpoint {
  header: CheckpointHeader;
  arrays: Map<string, { shape: number[]; data: TypedArray }>;
}

export function decodeCheckpoint(file: ArrayBuffer | Uint8Array): DecodedCheckpoint {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  if (bytes.length < magic.length + 4 || new TextDecoder().decode(bytes.subarray(0, magic.length)) !== magic)
    throw new Error('loadCheckpoint: not a Loom checkpoint (missing the LOOMCKPT signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(magic.length, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(magic.length + 4, magic.length + 4 + headerLength))) as CheckpointHeader;
  if (header.format !== 'loom-checkpoint' || header.version > checkpointVersion)
    throw new Error(`loadCheckpoint: unsupported checkpoint format ${header.format} version ${header.version}`);
  const dataStart = align(magic.length + 4 + headerLength);
  const arrays = new Map<string, { shape: number[]; data: TypedArray }>();
  for (const entry of header.tensors) {
    const start = dataStart + entry.offset;
    if (start + entry.byteLength > bytes.length)
      throw new Error(`loadCheckpoint: "${entry.name}" ${formatShape(entry.shape)} runs past the end of the file (truncated?)`);
    // Copy into a fresh, aligned buffer: typed arrays need offsets that are multiples of their size
    // (and a Node Buffer's slice() would share the pooled memory, not copy).
    const copy = new Uint8Array(entry.byteLength);
    copy.set(bytes.subarray(start, start + entry.byteLength));
    const raw = copy.buffer;
    const data = entry.dtype === 'float32' ? new Float32Array(raw) : entry.dtype === 'int32' ? new Int32Array(raw) : new Uint8Array(raw);
    arrays.set(entry.name, { shape: entry.shape, data });
  }
  return { header, arrays };
}

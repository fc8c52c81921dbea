import type { DType, TypedArray } from '@loom/graph';

type DeviceData = Float32Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>;

/**
 * The bytes a host array is stored as on the GPU: float32 and int32 as they are (viewed without a
 * copy unless they live in shared memory), bool (one byte per element on the host) widened to a
 * u32 per element, since WGSL storage has no 8-bit type.
 */
export function toDeviceData(dtype: DType, data: TypedArray): DeviceData {
  if (dtype === 'bool') return Uint32Array.from(data);
  const { buffer, byteOffset, length } = data;
  if (data instanceof Float32Array)
    return buffer instanceof ArrayBuffer ? new Float32Array(buffer, byteOffset, length) : Float32Array.from(data);
  if (data instanceof Int32Array)
    return buffer instanceof ArrayBuffer ? new Int32Array(buffer, byteOffset, length) : Int32Array.from(data);
  throw new Error(`a ${dtype} buffer cannot hold a ${data.constructor.name}`);
}

/** The host array of `length` elements of `dtype` stored in `bytes`. */
export function fromDeviceData(dtype: DType, bytes: ArrayBuffer, length: number): TypedArray {
  if (dtype === 'float32') return new Float32Array(bytes, 0, length);
  if (dtype === 'int32') return new Int32Array(bytes, 0, length);
  return Uint8Array.from(new Uint32Array(bytes, 0, length));
}

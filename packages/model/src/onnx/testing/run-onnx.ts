import * as ort from 'onnxruntime-node';

/** A tensor on the host: float32 values (or int32 indices, fed to ONNX as int64). */
export interface HostValue {
  data: Float32Array | Int32Array;
  shape: readonly number[];
}

/**
 * Test oracle: runs an .onnx model in onnxruntime-node (CPU) on the given inputs and returns every
 * graph output as float32 values with its shape. Int32 inputs are widened to int64, ONNX's index type.
 */
export async function runOnnx(bytes: Uint8Array, feeds: Record<string, HostValue>): Promise<Record<string, HostValue>> {
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' });
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, value] of Object.entries(feeds))
      inputs[name] =
        value.data instanceof Int32Array
          ? new ort.Tensor('int64', BigInt64Array.from(value.data, (v) => BigInt(v)), [...value.shape])
          : new ort.Tensor('float32', value.data, [...value.shape]);
    const results = await session.run(inputs);
    const out: Record<string, HostValue> = {};
    for (const [name, tensor] of Object.entries(results)) {
      const data = tensor.data;
      out[name] = {
        data: data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>, Number),
        shape: tensor.dims.map(Number),
      };
    }
    return out;
  } finally {
    await session.release();
  }
}

/** The largest absolute difference between two equally long arrays (Infinity if lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

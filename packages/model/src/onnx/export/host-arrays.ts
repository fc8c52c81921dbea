import type { HostTensor } from '../graph-builder.js';

/** The transpose of a row-major [rows, cols] matrix. */
export function transpose2d(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}

/**
 * Reorders the equal row blocks of a [blocks·H, ...] tensor: block k of the result is block
 * `order[k]` of the input (recurrent gate layouts differ between PyTorch and ONNX).
 */
export function reorderBlocks(data: Float32Array, blocks: number, order: readonly number[]): Float32Array {
  const size = data.length / blocks;
  const out = new Float32Array(data.length);
  order.forEach((from, to) => out.set(data.subarray(from * size, (from + 1) * size), to * size));
  return out;
}

/** Float32 values of a host tensor (int tensors are converted). */
export function floatData(t: HostTensor): Float32Array {
  return t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
}

/** Concatenates float arrays. */
export function concatFloats(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

import { batchDim, dimsCompatible, formatType, type Dim, type TensorType } from '../analysis/tensor-type.js';
import { ShapeError } from './shape-error.js';

/** Helpers shared by the node types' shape rules. Each throws a ShapeError naming the port. */

/** A float32 tensor of `shape`. */
export function float32(shape: Dim[]): TensorType {
  return { dtype: 'float32', shape };
}

/** Checks that a dim (when known) equals `expected`; the message shows the whole input type. */
export function expectDim(port: string, type: TensorType, axis: number, expected: number, what: string): void {
  const index = axis < 0 ? type.shape.length + axis : axis;
  if (index < 0 || index >= type.shape.length)
    throw new ShapeError(`input ${formatType(type)} has no axis ${axis} (${what}, expected ${expected})`, port, 'rank-mismatch');
  const actual = type.shape[index];
  if (!dimsCompatible(actual, expected)) {
    const wanted = { ...type, shape: type.shape.map((d, i) => (i === index ? expected : d)) };
    throw new ShapeError(`got ${formatType(type)}, expected ${formatType(wanted)} (${what} on axis ${index}: ${actual} ≠ ${expected})`, port);
  }
}

/** The output size of a convolution or pooling window along one axis. */
export function windowOutput(port: string, type: TensorType, axis: number, window: number, stride: number, padding: number, dilation = 1): Dim {
  const size = type.shape[axis];
  if (typeof size !== 'number') return size === batchDim ? size : `${size}'`;
  const out = Math.floor((size + 2 * padding - dilation * (window - 1) - 1) / stride) + 1;
  if (out < 1)
    throw new ShapeError(
      `input ${formatType(type)}: a window of ${window} (dilation ${dilation}) does not fit size ${size} padded by ${padding} on each side`,
      port,
    );
  return out;
}

/** NumPy broadcasting of two shapes, with unknown symbolic dims taking the other side's size. */
export function broadcastDims(a: TensorType, b: TensorType, ports: [string, string]): Dim[] {
  const rank = Math.max(a.shape.length, b.shape.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a.shape[a.shape.length - rank + i] ?? 1;
    const y = b.shape[b.shape.length - rank + i] ?? 1;
    if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else if (dimsCompatible(x, y)) out.push(typeof x === 'number' ? x : y);
    else throw new ShapeError(`${ports[0]} ${formatType(a)} and ${ports[1]} ${formatType(b)} cannot be broadcast together`, ports[1]);
  }
  return out;
}

/** Both inputs must share a dtype. */
export function expectSameDtype(a: TensorType, b: TensorType, ports: [string, string]): void {
  if (a.dtype !== b.dtype)
    throw new ShapeError(`${ports[0]} ${formatType(a)} and ${ports[1]} ${formatType(b)} have different dtypes`, ports[1], 'dtype-mismatch');
}

/** A param value outside what the input allows (e.g. an axis beyond the rank). */
export function paramError(field: string, message: string): ShapeError {
  return new ShapeError(message, undefined, 'invalid-param', field);
}

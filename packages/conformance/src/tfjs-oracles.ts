/**
 * tfjs versions of the Loom ops that tfjs does not spell the same way: NumPy matmul on 1-D operands,
 * NCHW convolution and pooling with PyTorch padding and groups, softmax on any axis, scatter-add, …
 * Each one is built from differentiable tfjs ops, so tfjs can also serve as the gradient oracle.
 */
import * as tf from '@tensorflow/tfjs';

export type Pair = readonly [number, number];

function pair(value: number | Pair | undefined, fallback: number): Pair {
  if (value === undefined) return [fallback, fallback];
  return typeof value === 'number' ? [value, value] : value;
}

function rank4(x: tf.Tensor): tf.Tensor4D {
  if (x.rank !== 4) throw new Error(`expected a rank-4 tensor, got shape [${x.shape.join(', ')}]`);
  return x as tf.Tensor4D;
}

const toNhwc = (x: tf.Tensor): tf.Tensor4D => rank4(tf.transpose(x, [0, 2, 3, 1]));
const toNchw = (x: tf.Tensor): tf.Tensor4D => rank4(tf.transpose(x, [0, 3, 1, 2]));

/** NumPy's `a @ b`: 1-D operands get a unit axis that is dropped again; batch dims broadcast. */
export function npMatmul(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const a2 = a.rank === 1 ? tf.reshape(a, [1, a.shape[0]]) : a;
  const b2 = b.rank === 1 ? tf.reshape(b, [b.shape[0], 1]) : b;
  const aBatch = a2.shape.slice(0, -2);
  const bBatch = b2.shape.slice(0, -2);
  const rank = Math.max(aBatch.length, bBatch.length);
  const batchShape = Array.from({ length: rank }, (_, i) => {
    const da = aBatch[aBatch.length - rank + i] ?? 1;
    const db = bBatch[bBatch.length - rank + i] ?? 1;
    return da === 1 ? db : da;
  });
  const aFull = rank === 0 ? a2 : tf.broadcastTo(a2, [...batchShape, ...a2.shape.slice(-2)]);
  const bFull = rank === 0 ? b2 : tf.broadcastTo(b2, [...batchShape, ...b2.shape.slice(-2)]);
  let y = tf.matMul(aFull, bFull);
  if (a.rank === 1) y = tf.squeeze(y, [y.rank - 2]);
  if (b.rank === 1) y = tf.squeeze(y, [y.rank - 1]);
  return y;
}

export interface Conv2dRefOptions {
  stride?: number | Pair;
  padding?: number | Pair | 'same' | 'valid';
  dilation?: number | Pair;
  groups?: number;
}

/** PyTorch's conv2d (NCHW, weight [O, I/groups, kH, kW]) through tfjs's NHWC conv, one call per group. */
export function conv2dRef(x: tf.Tensor, w: tf.Tensor, options: Conv2dRefOptions): tf.Tensor {
  const groups = options.groups ?? 1;
  const stride = pair(options.stride, 1);
  const dilation = pair(options.dilation, 1);
  let xh = toNhwc(x);
  let pad: 'same' | 'valid' = 'valid';
  if (options.padding === 'same') pad = 'same';
  else if (options.padding !== 'valid' && options.padding !== undefined) {
    const [ph, pw] = pair(options.padding, 0);
    xh = rank4(tf.pad(xh, [[0, 0], [ph, ph], [pw, pw], [0, 0]]));
  }
  const wh = rank4(tf.transpose(w, [2, 3, 1, 0]));
  const xs = groups === 1 ? [xh] : tf.split(xh, groups, 3);
  const ws = groups === 1 ? [wh] : tf.split(wh, groups, 3);
  const ys = xs.map((xi, i) => tf.conv2d(rank4(xi), rank4(ws[i]), [stride[0], stride[1]], pad, 'NHWC', [dilation[0], dilation[1]]));
  return toNchw(groups === 1 ? ys[0] : tf.concat(ys, 3));
}

export interface Pool2dRefOptions {
  kernelSize: number | Pair;
  stride?: number | Pair;
  padding?: number | Pair;
  countIncludePad?: boolean;
}

function poolGeometry(options: Pool2dRefOptions) {
  const kernel = pair(options.kernelSize, 1);
  const stride = pair(options.stride ?? options.kernelSize, 1);
  const [ph, pw] = pair(options.padding, 0);
  const pads: [number, number][] = [[0, 0], [ph, ph], [pw, pw], [0, 0]];
  return { kernel: [kernel[0], kernel[1]] as [number, number], stride: [stride[0], stride[1]] as [number, number], pads };
}

/** PyTorch's max_pool2d: padding counts as −∞. */
export function maxPool2dRef(x: tf.Tensor, options: Pool2dRefOptions): tf.Tensor {
  const { kernel, stride, pads } = poolGeometry(options);
  const xh = rank4(tf.pad(toNhwc(x), pads, -Infinity));
  return toNchw(tf.maxPool(xh, kernel, stride, 'valid'));
}

/** PyTorch's avg_pool2d: padding counts as zeros, and in the divisor only if `countIncludePad` (default true). */
export function avgPool2dRef(x: tf.Tensor, options: Pool2dRefOptions): tf.Tensor {
  const { kernel, stride, pads } = poolGeometry(options);
  const xh = toNhwc(x);
  const sums = tf.avgPool(rank4(tf.pad(xh, pads)), kernel, stride, 'valid');
  if (options.countIncludePad ?? true) return toNchw(sums);
  const ones = rank4(tf.pad(tf.onesLike(xh), pads));
  return toNchw(tf.div(sums, tf.avgPool(ones, kernel, stride, 'valid')));
}

function lastAxisPerm(rank: number, axis: number): number[] {
  const a = axis < 0 ? axis + rank : axis;
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[a] = rank - 1;
  perm[rank - 1] = a;
  return perm;
}

/** Applies a last-axis-only tfjs op along `axis` by swapping that axis to the end and back. */
function alongAxis(x: tf.Tensor, axis: number, op: (t: tf.Tensor) => tf.Tensor): tf.Tensor {
  const perm = lastAxisPerm(x.rank, axis);
  return tf.transpose(op(tf.transpose(x, perm)), perm);
}

export const softmaxRef = (x: tf.Tensor, axis: number): tf.Tensor => alongAxis(x, axis, (t) => tf.softmax(t));
export const logSoftmaxRef = (x: tf.Tensor, axis: number): tf.Tensor => alongAxis(x, axis, (t) => tf.logSoftmax(t));

/** Layer norm over the last `normalizedRank` axes, with population variance, then weight and bias. */
export function layerNormRef(x: tf.Tensor, normalizedRank: number, eps: number, weight?: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const axes = Array.from({ length: normalizedRank }, (_, i) => x.rank - normalizedRank + i);
  const { mean, variance } = tf.moments(x, axes, true);
  let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
  if (weight) y = tf.mul(y, weight);
  if (bias) y = tf.add(y, bias);
  return y;
}

/** Exact (erf-based) GELU, PyTorch's default. */
export const geluRef = (x: tf.Tensor): tf.Tensor => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));

/**
 * ELU with any alpha (tfjs's `elu` fixes alpha = 1), as relu(x) + alpha·(exp(min(x, 0)) − 1): a
 * `where` on `x > 0` would put tfjs's `greater`, which has no gradient, on the tape.
 */
export const eluRef = (x: tf.Tensor, alpha: number): tf.Tensor =>
  tf.add(tf.relu(x), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(x, tf.zerosLike(x))), 1)));

/**
 * maximum/minimum with both operands broadcast first: tfjs's Maximum/Minimum gradients do not
 * reduce over broadcast axes (they fail with "gradient of input 'a' has shape …").
 */
export function broadcastBinaryRef(op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const shape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
  return op(tf.broadcastTo(a, shape), tf.broadcastTo(b, shape));
}

/** Non-negative axes: tfjs's Prod gradient fails on negative ones ("rank of input 2 must match length of perm 0,1,-1"). */
export function positiveAxes(axis: number | number[] | undefined, rank: number): number | number[] | undefined {
  if (axis === undefined) return undefined;
  return typeof axis === 'number' ? (axis + rank) % rank : axis.map((a) => (a + rank) % rank);
}

/** argmax/argmin with NumPy's axis = undefined (flattened) and keepdims. */
export function argRef(kind: 'max' | 'min', x: tf.Tensor, axis: number | undefined, keepdims: boolean): tf.Tensor {
  const f = kind === 'max' ? tf.argMax : tf.argMin;
  if (axis === undefined) {
    const y = f(tf.reshape(x, [-1]), 0);
    return keepdims ? tf.reshape(y, x.shape.map(() => 1)) : y;
  }
  const y = f(x, axis);
  return keepdims ? tf.expandDims(y, axis < 0 ? axis + x.rank : axis) : y;
}

/** scatterAdd as the adjoint of gather: a one-hot matrix product, so tfjs differentiates it. */
export function scatterAddRef(updates: tf.Tensor, indices: tf.Tensor, size: number, axis: number): tf.Tensor {
  const a = axis < 0 ? axis + (updates.rank - indices.rank + 1) : axis;
  const prefix = updates.shape.slice(0, a);
  const suffix = updates.shape.slice(a + indices.rank);
  const pre = prefix.reduce((n, d) => n * d, 1);
  const post = suffix.reduce((n, d) => n * d, 1);
  const n = indices.size;
  const u = tf.reshape(tf.transpose(tf.reshape(updates, [pre, n, post]), [0, 2, 1]), [pre * post, n]);
  const oneHot = tf.cast(tf.oneHot(tf.reshape(indices, [-1]), size), 'float32');
  const y = tf.transpose(tf.reshape(tf.matMul(u, oneHot), [pre, post, size]), [0, 2, 1]);
  return tf.reshape(y, [...prefix, size, ...suffix]);
}

/** NumPy's flatten(start, end): merges axes start..end into one. */
export function flattenRef(x: tf.Tensor, start: number, end: number): tf.Tensor {
  if (x.rank === 0) return tf.reshape(x, [1]);
  const s = start < 0 ? start + x.rank : start;
  const e = end < 0 ? end + x.rank : end;
  const merged = x.shape.slice(s, e + 1).reduce((n, d) => n * d, 1);
  return tf.reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Loom's slice(begin, end): per-axis [begin, end), negatives from the end, missing axes whole. */
export function sliceRef(x: tf.Tensor, begin: readonly number[], end?: readonly number[]): tf.Tensor {
  const starts = x.shape.map((d, i) => {
    const b = begin[i] ?? 0;
    return b < 0 ? b + d : b;
  });
  const sizes = x.shape.map((d, i) => {
    const e = end?.[i] ?? d;
    return (e < 0 ? e + d : e) - starts[i];
  });
  return tf.slice(x, starts, sizes);
}

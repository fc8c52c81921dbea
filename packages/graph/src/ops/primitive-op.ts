import type { DType } from '../dtype.js';

/** Padding of a 2-D window op in elements: [top, bottom, left, right]. */
export type Padding2d = readonly [number, number, number, number];
export type Pair = readonly [number, number];

export interface Conv2dAttrs {
  stride: Pair;
  padding: Padding2d;
  dilation: Pair;
  groups: number;
}

export interface Pool2dAttrs {
  kernelSize: Pair;
  stride: Pair;
  padding: Padding2d;
}

export interface AvgPool2dAttrs extends Pool2dAttrs {
  /** Whether padded positions count in the divisor (PyTorch's default) or not (TensorFlow's). */
  countIncludePad: boolean;
}

type NoAttrs = Record<string, never>;

/**
 * Every primitive op and its attributes. Everything else in Loom is composed from these, so each
 * backend implements exactly this list (its kernel table is typed by it) and autograd needs one VJP
 * per entry. Semantics every kernel follows:
 *
 * - Elementwise ops take inputs of one identical shape (the front end broadcasts with `expand`);
 *   binary inputs share a dtype. `eq`/`lt` produce bool; `where(cond: bool, a, b)`.
 * - Reductions keep the reduced axes as size 1 (`axes` sorted, non-negative); `argmax` gives int32.
 * - `slice` is [begin, end) per axis with step 1; `pad` adds `pads[i] = [before, after]` (both ≥ 0)
 *   filled with `value`; `expand` keeps the rank and repeats size-1 axes.
 * - `matmul` multiplies [...batch, M, K] by [...batch, K, N] with identical batch dims.
 * - Images are NCHW, conv filters [O, C/groups, kH, kW]; `conv2dInputGrad` / `conv2dFilterGrad` are
 *   conv2d's two backward passes (inputs: dy and w → dx; x and dy → dw).
 * - `gather(x, indices: int32)` along `axis` gives x.shape[:axis] + indices.shape + x.shape[axis+1:];
 *   `scatterAdd(updates, indices)` is its adjoint: it sums updates into a zero tensor whose `axis`
 *   has `size` elements.
 */
export interface PrimitiveAttrs {
  // elementwise, unary
  neg: NoAttrs;
  exp: NoAttrs;
  log: NoAttrs;
  sqrt: NoAttrs;
  sin: NoAttrs;
  cos: NoAttrs;
  tanh: NoAttrs;
  abs: NoAttrs;
  erf: NoAttrs;
  cast: { dtype: DType };
  // elementwise, binary
  add: NoAttrs;
  sub: NoAttrs;
  mul: NoAttrs;
  div: NoAttrs;
  pow: NoAttrs;
  maximum: NoAttrs;
  minimum: NoAttrs;
  eq: NoAttrs;
  lt: NoAttrs;
  // elementwise, ternary
  where: NoAttrs;
  // reductions
  sum: { axes: readonly number[] };
  max: { axes: readonly number[] };
  prod: { axes: readonly number[] };
  argmax: { axis: number };
  // movement
  reshape: { shape: readonly number[] };
  permute: { perm: readonly number[] };
  expand: { shape: readonly number[] };
  slice: { begin: readonly number[]; end: readonly number[] };
  pad: { pads: readonly Pair[]; value: number };
  concat: { axis: number };
  // linear algebra and windows
  matmul: NoAttrs;
  conv2d: Conv2dAttrs;
  conv2dInputGrad: Conv2dAttrs & { inputShape: readonly number[] };
  conv2dFilterGrad: Conv2dAttrs & { filterShape: readonly number[] };
  maxPool2d: Pool2dAttrs;
  maxPool2dGrad: Pool2dAttrs;
  avgPool2d: AvgPool2dAttrs;
  avgPool2dGrad: AvgPool2dAttrs & { inputShape: readonly number[] };
  // indexing
  gather: { axis: number };
  scatterAdd: { axis: number; size: number };
}

export type PrimitiveOp = keyof PrimitiveAttrs;

/** The list of primitives, checked against the interface so neither can drift from the other. */
const primitiveSet: { [Op in PrimitiveOp]: true } = {
  neg: true, exp: true, log: true, sqrt: true, sin: true, cos: true, tanh: true, abs: true, erf: true,
  cast: true, add: true, sub: true, mul: true, div: true, pow: true, maximum: true, minimum: true,
  eq: true, lt: true, where: true, sum: true, max: true, prod: true, argmax: true, reshape: true,
  permute: true, expand: true, slice: true, pad: true, concat: true, matmul: true, conv2d: true,
  conv2dInputGrad: true, conv2dFilterGrad: true, maxPool2d: true, maxPool2dGrad: true,
  avgPool2d: true, avgPool2dGrad: true, gather: true, scatterAdd: true,
};
export const primitiveOps = Object.keys(primitiveSet) as PrimitiveOp[];

import type { DType, TypedArray } from './dtype.js';
import type { PrimitiveAttrs, PrimitiveOp } from './ops/primitive-op.js';
import type { BufferSlot} from './core/buffer-slot.js';
import { releaseSlot, slotFinalizer } from './core/buffer-slot.js';
import { newNodeId, nodeLabel, type GraphNode } from './core/node.js';
import { realizeNodes } from './core/realize.js';
import { formatShape, sizeOf } from './shape.js';
import * as ew from './ops/elementwise.js';
import * as red from './ops/reduce.js';
import * as mv from './ops/movement.js';
import * as la from './ops/linalg.js';
import * as win from './ops/window.js';
import * as idx from './ops/indexing.js';
import * as act from './composite/activations.js';
import * as norm from './composite/normalization.js';
import { backward } from './autograd/backward.js';
import { assign } from './assign.js';
import type { Conv2dOptions, Pool2dOptions, AvgPool2dOptions } from './ops/window.js';

type Operand = Tensor | number;
export type NestedArray = number | boolean | NestedArray[];

interface TensorInit {
  op: PrimitiveOp | 'source';
  attrs?: PrimitiveAttrs[PrimitiveOp];
  inputs?: readonly Tensor[];
  shape: readonly number[];
  dtype: DType;
  requiresGrad?: boolean;
  detached?: boolean;
  pending?: TypedArray;
  literal?: number;
  resample?: () => TypedArray;
}

/**
 * A lazy n-dimensional array. Ops only record what to compute; `await t.data()` computes it on the
 * active backend. Buffers are freed after their last reader, and a tensor's own buffer when the
 * tensor is garbage-collected or `dispose()`d — there is no `tidy()`.
 */
export class Tensor implements GraphNode {
  readonly id = newNodeId();
  readonly shape: readonly number[];
  readonly dtype: DType;
  op: PrimitiveOp | 'source';
  attrs: PrimitiveAttrs[PrimitiveOp] | undefined;
  inputs: readonly Tensor[];
  pending: TypedArray | undefined;
  readonly literal: number | undefined;
  /** For random sources: draws fresh samples (compiled programs take new ones at each replay). */
  readonly resample: (() => TypedArray) | undefined;
  slot: BufferSlot | undefined;
  requiresGrad: boolean;
  detached: boolean;
  disposed = false;
  /** Accumulated by `backward()` on tensors created with `requiresGrad`. */
  grad: Tensor | undefined;

  constructor(init: TensorInit) {
    this.op = init.op;
    this.attrs = init.attrs;
    this.inputs = init.inputs ?? [];
    this.shape = Object.freeze([...init.shape]);
    this.dtype = init.dtype;
    this.requiresGrad = init.requiresGrad ?? false;
    this.detached = init.detached ?? false;
    this.pending = init.pending;
    this.literal = init.literal;
    this.resample = init.resample;
  }

  get size(): number {
    return sizeOf(this.shape);
  }
  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `Tensor(${nodeLabel(this)}, ${formatShape(this.shape)}, ${this.dtype})`;
  }

  // ---- realization and memory ----

  adoptSlot(slot: BufferSlot): void {
    if (this.slot === slot) return;
    if (this.slot) {
      slotFinalizer.unregister(this);
      releaseSlot(this.slot);
    }
    slot.holders++;
    this.slot = slot;
    slotFinalizer.register(this, slot, this);
    // Once computed, the history is needed only to differentiate through this tensor.
    if (!this.requiresGrad || this.detached) this.inputs = [];
  }

  /** Computes this tensor's value (if not yet) and returns it as a flat typed array. */
  async data(): Promise<TypedArray> {
    const [slot] = await realizeNodes([this]);
    return slot.backend.read(slot.id);
  }

  /** The value as nested arrays (booleans for bool tensors). */
  async array(): Promise<NestedArray> {
    return nest(await this.data(), this.shape, this.dtype);
  }

  /** The value of a one-element tensor as a number. */
  async item(): Promise<number> {
    if (this.size !== 1) throw new Error(`item: tensor has shape ${formatShape(this.shape)}, not a single element`);
    return (await this.data())[0];
  }

  /** Releases the buffer now instead of at garbage collection. Using the tensor afterwards throws. */
  dispose(): void {
    if (this.slot) {
      slotFinalizer.unregister(this);
      releaseSlot(this.slot);
      this.slot = undefined;
    }
    this.pending = undefined;
    this.inputs = [];
    this.disposed = true;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Computes `value` and makes this tensor hold it from now on, keeping its identity (how
   * optimizers update parameters in place). See `assign` to update many tensors in one program.
   */
  async assign(value: Tensor): Promise<void> {
    await assign([[this, value]]);
  }

  /** The same value with no autograd history. */
  detach(): Tensor {
    return mv.detach(this);
  }

  /** PyTorch-style: accumulates d(this)/d(leaf) into `.grad` of every leaf created with requiresGrad. */
  backward(gradient?: Tensor): void {
    backward(this, gradient);
  }

  // ---- elementwise ----
  add(other: Operand): Tensor { return ew.add(this, other); }
  sub(other: Operand): Tensor { return ew.sub(this, other); }
  mul(other: Operand): Tensor { return ew.mul(this, other); }
  div(other: Operand): Tensor { return ew.div(this, other); }
  pow(other: Operand): Tensor { return ew.pow(this, other); }
  maximum(other: Operand): Tensor { return ew.maximum(this, other); }
  minimum(other: Operand): Tensor { return ew.minimum(this, other); }
  neg(): Tensor { return ew.neg(this); }
  abs(): Tensor { return ew.abs(this); }
  exp(): Tensor { return ew.exp(this); }
  log(): Tensor { return ew.log(this); }
  sqrt(): Tensor { return ew.sqrt(this); }
  rsqrt(): Tensor { return ew.rsqrt(this); }
  sin(): Tensor { return ew.sin(this); }
  cos(): Tensor { return ew.cos(this); }
  tanh(): Tensor { return ew.tanh(this); }
  erf(): Tensor { return ew.erf(this); }
  square(): Tensor { return ew.mul(this, this); }
  reciprocal(): Tensor { return ew.div(1, this); }
  cast(dtype: DType): Tensor { return ew.cast(this, dtype); }
  clamp(min?: number, max?: number): Tensor { return ew.clamp(this, min, max); }
  eq(other: Operand): Tensor { return ew.eq(this, other); }
  ne(other: Operand): Tensor { return ew.ne(this, other); }
  lt(other: Operand): Tensor { return ew.lt(this, other); }
  le(other: Operand): Tensor { return ew.le(this, other); }
  gt(other: Operand): Tensor { return ew.gt(this, other); }
  ge(other: Operand): Tensor { return ew.ge(this, other); }
  logicalNot(): Tensor { return ew.logicalNot(this); }
  /** PyTorch's `x.where(cond, other)`: x where cond holds, other elsewhere. */
  where(cond: Tensor, other: Operand): Tensor { return ew.where(cond, this, other); }

  // ---- activations ----
  relu(): Tensor { return act.relu(this); }
  sigmoid(): Tensor { return act.sigmoid(this); }
  leakyRelu(alpha = 0.01): Tensor { return act.leakyRelu(this, alpha); }
  gelu(): Tensor { return act.gelu(this); }
  elu(alpha = 1): Tensor { return act.elu(this, alpha); }
  softplus(): Tensor { return act.softplus(this); }
  softmax(axis = -1): Tensor { return norm.softmax(this, axis); }
  logSoftmax(axis = -1): Tensor { return norm.logSoftmax(this, axis); }

  // ---- reductions ----
  sum(axis?: number | readonly number[], keepdims = false): Tensor { return red.sum(this, axis, keepdims); }
  mean(axis?: number | readonly number[], keepdims = false): Tensor { return red.mean(this, axis, keepdims); }
  max(axis?: number | readonly number[], keepdims = false): Tensor { return red.max(this, axis, keepdims); }
  min(axis?: number | readonly number[], keepdims = false): Tensor { return red.min(this, axis, keepdims); }
  prod(axis?: number | readonly number[], keepdims = false): Tensor { return red.prod(this, axis, keepdims); }
  variance(axis?: number | readonly number[], keepdims = false): Tensor { return red.variance(this, axis, keepdims); }
  argmax(axis?: number, keepdims = false): Tensor { return red.argmax(this, axis, keepdims); }
  argmin(axis?: number, keepdims = false): Tensor { return red.argmin(this, axis, keepdims); }

  // ---- movement ----
  reshape(shape: readonly number[]): Tensor { return mv.reshape(this, shape); }
  transpose(perm?: readonly number[]): Tensor { return mv.transpose(this, perm); }
  permute(perm: readonly number[]): Tensor { return mv.permute(this, perm); }
  expand(shape: readonly number[]): Tensor { return mv.expand(this, shape); }
  squeeze(axis?: number | readonly number[]): Tensor { return mv.squeeze(this, axis); }
  unsqueeze(axis: number): Tensor { return mv.unsqueeze(this, axis); }
  flatten(startAxis = 0, endAxis = -1): Tensor { return mv.flatten(this, startAxis, endAxis); }
  slice(begin: readonly number[], end?: readonly number[]): Tensor { return mv.slice(this, begin, end); }
  pad(pads: readonly (readonly [number, number])[], value = 0): Tensor { return mv.pad(this, pads, value); }
  concat(others: readonly Tensor[], axis = 0): Tensor { return mv.concat([this, ...others], axis); }
  gather(indices: Tensor, axis = 0): Tensor { return idx.gather(this, indices, axis); }

  // ---- linear algebra and windows ----
  matmul(other: Tensor): Tensor { return la.matmul(this, other); }
  conv2d(weight: Tensor, options: Conv2dOptions = {}): Tensor { return win.conv2d(this, weight, options); }
  maxPool2d(options: Pool2dOptions): Tensor { return win.maxPool2d(this, options); }
  avgPool2d(options: AvgPool2dOptions): Tensor { return win.avgPool2d(this, options); }
}

function nest(data: TypedArray, shape: readonly number[], dtype: DType): NestedArray {
  const convert = dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
  if (shape.length === 0) return convert(data[0]);
  const build = (axis: number, offset: number): NestedArray[] => {
    const n = shape[axis];
    const stride = sizeOf(shape.slice(axis + 1));
    const out: NestedArray[] = new Array(n);
    for (let i = 0; i < n; i++)
      out[i] = axis === shape.length - 1 ? convert(data[offset + i]) : build(axis + 1, offset + i * stride);
    return out;
  };
  return build(0, 0);
}

import type { Tensor, TypedArray } from '@loom/graph';
import type * as tf from '@tensorflow/tfjs';

/** Absolute and relative tolerance of an elementwise comparison: |got − want| ≤ atol + rtol·|want|. */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/** A float32 input: uniform in `range`, optionally snapped to a grid or made of distinct values. */
export interface FloatInput {
  dtype: 'float32';
  shape: readonly number[];
  range: readonly [number, number];
  /**
   * Values `offset + k·step` inside `range`. With `offset` half a step off a kink (0 for relu/abs,
   * the clamp bounds, the other operand's grid for maximum), finite differences never straddle it.
   */
  grid?: { step: number; offset: number };
  /** All values distinct and well apart (a shuffled ramp), so max/min/maxPool have no ties. */
  distinct?: boolean;
  /** Whether gradients are checked with respect to this input (default true). */
  grad?: boolean;
}

/** An int32 input: uniform integers in [lo, hi], or exactly `values`. */
export interface IntInput {
  dtype: 'int32';
  shape: readonly number[];
  range: readonly [number, number];
  values?: readonly number[];
}

/** A bool input: each element true with probability 1/2. */
export interface BoolInput {
  dtype: 'bool';
  shape: readonly number[];
}

export type InputSpec = FloatInput | IntInput | BoolInput;

/** A computed value, as the property checks of random ops see it. */
export interface Output {
  shape: readonly number[];
  dtype: string;
  values: TypedArray;
}

/** Throws (with a message saying which property fails) unless `out` is a plausible result. */
export type PropertyCheck = (out: Output, inputs: readonly TypedArray[]) => void;

interface OpCaseBase {
  /** A sentence fragment naming the op and what the case exercises: "add broadcasts [3, 1, 5] with [4, 5]". */
  name: string;
  inputs: readonly InputSpec[];
  /** The Loom computation under test. */
  loom: (...xs: Tensor[]) => Tensor;
  /** Whether gradients exist with respect to the float inputs (then both gradient checks run). */
  differentiable: boolean;
  /** Why tfjs cannot serve as the gradient oracle, when it cannot; finite differences still run. */
  noTfjsGrad?: string;
  /** Forward tolerance, when the default (rtol 1e-5, atol 1e-6) is too tight; say why next to it. */
  tol?: Tolerance;
  /** Tolerance of the comparison with tfjs gradients (default rtol 1e-4, atol 1e-5). */
  gradTol?: Tolerance;
  /** Whether the output dtype must equal the oracle's (default true); false where the spec leaves it open. */
  checkDtype?: boolean;
}

/**
 * One row of the conformance table: inputs, the Loom op, and either a tfjs oracle or, for random
 * ops that no oracle can reproduce, a property check.
 */
export type OpCase = OpCaseBase &
  (
    | { tfjs: (...xs: tf.Tensor[]) => tf.Tensor; property?: never }
    | { property: PropertyCheck; tfjs?: never }
  );

// ---- input constructors, so the tables read as shapes and ranges ----

export function f32(
  shape: readonly number[],
  options: Partial<Omit<FloatInput, 'dtype' | 'shape'>> = {},
): FloatInput {
  return { dtype: 'float32', shape, range: [-2, 2], ...options };
}

/** A float input on the grid 0.05 + k·0.1: at least 0.05 from 0 and from every multiple of 0.1. */
export function f32AwayFromKinks(shape: readonly number[], range: readonly [number, number] = [-2, 2]): FloatInput {
  return f32(shape, { range, grid: { step: 0.1, offset: 0.05 } });
}

export function f32Distinct(shape: readonly number[]): FloatInput {
  return f32(shape, { distinct: true });
}

export function positive(shape: readonly number[], range: readonly [number, number] = [0.5, 2]): FloatInput {
  return f32(shape, { range });
}

/** Integers in [lo, hi] (inclusive), e.g. indices into an axis of size hi + 1. */
export function i32(shape: readonly number[], lo: number, hi: number): IntInput {
  return { dtype: 'int32', shape, range: [lo, hi] };
}

export function i32Values(shape: readonly number[], values: readonly number[]): IntInput {
  return { dtype: 'int32', shape, range: [Math.min(...values), Math.max(...values)], values };
}

export function bool(shape: readonly number[]): BoolInput {
  return { dtype: 'bool', shape };
}

/** Whether gradients of `spec` are part of the checks. */
export function isDifferentiableInput(spec: InputSpec): spec is FloatInput {
  return spec.dtype === 'float32' && spec.grad !== false;
}

/** "[2, 3]", the way case names and error messages write shapes. */
export function fmt(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Unit roundoff of float32. */
export const FLOAT32_EPS = 2 ** -24;

/**
 * Tolerance for an op whose outputs accumulate `terms` products or values of size about `magnitude`
 * (sums, matmul, conv). Backends may accumulate in float32 and in any order, so results differ from
 * tfjs (which accumulates in float64 on the CPU) by rounding that grows like terms·eps·magnitude —
 * a random-walk estimate of √terms steps over partial sums of size √terms·magnitude, with a factor 4
 * of headroom. The relative part stays at the default 1e-5.
 */
export function accumulationTol(terms: number, magnitude: number): Tolerance {
  return { rtol: 1e-5, atol: Math.max(1e-6, 4 * terms * FLOAT32_EPS * magnitude) };
}

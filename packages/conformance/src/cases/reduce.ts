/** Reductions over all, one, negative and several axes, with and without keepdims; argmax/argmin. */
import type { Tensor } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import { accumulationTol, f32, f32Distinct, fmt, type FloatInput, type OpCase, type Tolerance } from '../op-case.js';
import { randInt, randomAxes, randomShape, rngFor } from '../random.js';
import { argRef, positiveAxes } from '../tfjs-oracles.js';

const rng = rngFor('reduce');

type Axes = number | number[] | undefined;

interface Reduction {
  op: string;
  loom: (x: Tensor, axis: Axes, keepdims: boolean) => Tensor;
  tfjs: (x: tf.Tensor, axis: Axes, keepdims: boolean) => tf.Tensor;
  input: (shape: readonly number[]) => FloatInput;
  /** Largest dim of the random shapes (prod stays small so its values stay near 1). */
  maxDim: number;
  /** Sums accumulate rounding; max/min select a value and are exact. */
  accumulates: boolean;
}

const reductions: Reduction[] = [
  { op: 'sum', loom: (x, a, k) => x.sum(a, k), tfjs: (x, a, k) => tf.sum(x, a, k), input: (s) => f32(s), maxDim: 5, accumulates: true },
  { op: 'mean', loom: (x, a, k) => x.mean(a, k), tfjs: (x, a, k) => tf.mean(x, a, k), input: (s) => f32(s), maxDim: 5, accumulates: true },
  { op: 'max', loom: (x, a, k) => x.max(a, k), tfjs: (x, a, k) => tf.max(x, a, k), input: f32Distinct, maxDim: 4, accumulates: false },
  { op: 'min', loom: (x, a, k) => x.min(a, k), tfjs: (x, a, k) => tf.min(x, a, k), input: f32Distinct, maxDim: 4, accumulates: false },
  {
    op: 'prod',
    loom: (x, a, k) => x.prod(a, k),
    tfjs: (x, a, k) => tf.prod(x, positiveAxes(a, x.rank), k),
    input: (s) => f32(s, { range: [0.8, 1.25] }),
    maxDim: 3,
    accumulates: true,
  },
  {
    op: 'variance',
    loom: (x, a, k) => x.variance(a, k),
    tfjs: (x, a, k) => tf.moments(x, a, k).variance,
    input: (s) => f32(s),
    maxDim: 5,
    accumulates: true,
  },
];

function tolFor(r: Reduction, shape: readonly number[]): Tolerance | undefined {
  if (!r.accumulates) return undefined;
  const terms = shape.reduce((n, d) => n * d, 1);
  return accumulationTol(terms, 2);
}

function reductionCases(r: Reduction): OpCase[] {
  const make = (what: string, shape: readonly number[], axis: Axes, keepdims: boolean): OpCase => ({
    name: `${r.op} ${what}`,
    inputs: [r.input(shape)],
    loom: (x) => r.loom(x, axis, keepdims),
    tfjs: (x) => r.tfjs(x, axis, keepdims),
    differentiable: true,
    tol: tolFor(r, shape),
  });
  const all = randomShape(rng, 1, 3, r.maxDim);
  const one = randomShape(rng, 1, 4, r.maxDim);
  const oneAxis = randInt(rng, 0, one.length - 1);
  const neg = randomShape(rng, 2, 4, r.maxDim);
  const negAxis = -randInt(rng, 1, neg.length);
  const multi = randomShape(rng, 3, 4, r.maxDim);
  const multiAxes = randomAxes(rng, multi.length, 2);
  const multiKeep = randomShape(rng, 3, 4, r.maxDim);
  const multiKeepAxes = randomAxes(rng, multiKeep.length, multiKeep.length - 1);
  return [
    make(`over all axes of random shape ${fmt(all)}`, all, undefined, false),
    make(`over all axes with keepdims of ${fmt(all)}`, all, undefined, true),
    make(`over axis ${oneAxis} of random shape ${fmt(one)}`, one, oneAxis, false),
    make(`over negative axis ${negAxis} with keepdims of ${fmt(neg)}`, neg, negAxis, true),
    make(`over axes ${fmt(multiAxes)} of ${fmt(multi)}`, multi, multiAxes, false),
    make(`over axes ${fmt(multiKeepAxes)} with keepdims of ${fmt(multiKeep)}`, multiKeep, multiKeepAxes, true),
    make('over a size-1 axis of [3, 1, 4]', [3, 1, 4], 1, false),
    make('of a scalar', [], undefined, false),
  ];
}

function argCases(kind: 'max' | 'min'): OpCase[] {
  const op = `arg${kind}`;
  const make = (what: string, shape: readonly number[], axis: number | undefined, keepdims: boolean): OpCase => ({
    name: `${op} ${what}`,
    inputs: [f32Distinct(shape)],
    loom: (x) => (kind === 'max' ? x.argmax(axis, keepdims) : x.argmin(axis, keepdims)),
    tfjs: (x) => argRef(kind, x, axis, keepdims),
    differentiable: false,
  });
  const flat = randomShape(rng, 1, 4);
  const axisShape = randomShape(rng, 2, 4);
  const axis = randInt(rng, 0, axisShape.length - 1);
  const negShape = randomShape(rng, 2, 4);
  return [
    make(`over the flattened random shape ${fmt(flat)} gives an int32 index`, flat, undefined, false),
    make(`over axis ${axis} of random shape ${fmt(axisShape)}`, axisShape, axis, false),
    make(`over axis -1 with keepdims of ${fmt(negShape)}`, negShape, -1, true),
  ];
}

export const reduceCases: OpCase[] = [...reductions.flatMap(reductionCases), ...argCases('max'), ...argCases('min')];

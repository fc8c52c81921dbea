/** Unary and binary elementwise ops, broadcasting, comparisons, where and cast. */
import { where, type Tensor } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import { bool, f32, f32AwayFromKinks, fmt, i32, positive, type FloatInput, type OpCase } from '../op-case.js';
import { mutualBroadcastPair, randomShape, rngFor } from '../random.js';
import { broadcastBinaryRef, eluRef, geluRef } from '../tfjs-oracles.js';

const rng = rngFor('elementwise');

interface Unary {
  op: string;
  loom: (x: Tensor) => Tensor;
  tfjs: (x: tf.Tensor) => tf.Tensor;
  input: (shape: readonly number[]) => FloatInput;
}

const signed = (range: readonly [number, number]) => (shape: readonly number[]) => f32(shape, { range });

const unaries: Unary[] = [
  { op: 'neg', loom: (x) => x.neg(), tfjs: (x) => tf.neg(x), input: signed([-2, 2]) },
  { op: 'abs', loom: (x) => x.abs(), tfjs: (x) => tf.abs(x), input: (s) => f32AwayFromKinks(s) },
  { op: 'exp', loom: (x) => x.exp(), tfjs: (x) => tf.exp(x), input: signed([-3, 3]) },
  { op: 'log', loom: (x) => x.log(), tfjs: (x) => tf.log(x), input: (s) => positive(s, [0.2, 4]) },
  { op: 'sqrt', loom: (x) => x.sqrt(), tfjs: (x) => tf.sqrt(x), input: (s) => positive(s, [0.2, 4]) },
  { op: 'rsqrt', loom: (x) => x.rsqrt(), tfjs: (x) => tf.rsqrt(x), input: (s) => positive(s, [0.2, 4]) },
  { op: 'sin', loom: (x) => x.sin(), tfjs: (x) => tf.sin(x), input: signed([-4, 4]) },
  { op: 'cos', loom: (x) => x.cos(), tfjs: (x) => tf.cos(x), input: signed([-4, 4]) },
  { op: 'tanh', loom: (x) => x.tanh(), tfjs: (x) => tf.tanh(x), input: signed([-3, 3]) },
  { op: 'sigmoid', loom: (x) => x.sigmoid(), tfjs: (x) => tf.sigmoid(x), input: signed([-5, 5]) },
  { op: 'relu', loom: (x) => x.relu(), tfjs: (x) => tf.relu(x), input: (s) => f32AwayFromKinks(s) },
  { op: 'leakyRelu()', loom: (x) => x.leakyRelu(), tfjs: (x) => tf.leakyRelu(x, 0.01), input: (s) => f32AwayFromKinks(s) },
  { op: 'leakyRelu(0.2)', loom: (x) => x.leakyRelu(0.2), tfjs: (x) => tf.leakyRelu(x, 0.2), input: (s) => f32AwayFromKinks(s) },
  { op: 'gelu', loom: (x) => x.gelu(), tfjs: geluRef, input: signed([-4, 4]) },
  { op: 'elu()', loom: (x) => x.elu(), tfjs: (x) => tf.elu(x), input: (s) => f32AwayFromKinks(s) },
  { op: 'elu(0.5)', loom: (x) => x.elu(0.5), tfjs: (x) => eluRef(x, 0.5), input: (s) => f32AwayFromKinks(s) },
  { op: 'softplus', loom: (x) => x.softplus(), tfjs: (x) => tf.softplus(x), input: signed([-5, 5]) },
  { op: 'clamp(-0.5, 0.5)', loom: (x) => x.clamp(-0.5, 0.5), tfjs: (x) => tf.clipByValue(x, -0.5, 0.5), input: (s) => f32AwayFromKinks(s) },
  { op: 'clamp(0.3) with only a minimum', loom: (x) => x.clamp(0.3), tfjs: (x) => tf.maximum(x, 0.3), input: (s) => f32AwayFromKinks(s) },
  { op: 'clamp(undefined, 0.2) with only a maximum', loom: (x) => x.clamp(undefined, 0.2), tfjs: (x) => tf.minimum(x, 0.2), input: (s) => f32AwayFromKinks(s) },
];

function unaryCases(): OpCase[] {
  return unaries.flatMap((u): OpCase[] => {
    const shape = randomShape(rng, 1, 4);
    const onShape = (s: readonly number[], what: string): OpCase => ({
      name: `${u.op} ${what}`,
      inputs: [u.input(s)],
      loom: (x) => u.loom(x),
      tfjs: (x) => u.tfjs(x),
      differentiable: true,
    });
    return [onShape(shape, `on random shape ${fmt(shape)}`), onShape([], 'of a scalar')];
  });
}

interface Binary {
  op: string;
  loom: (a: Tensor, b: Tensor | number) => Tensor;
  tfjs: (a: tf.Tensor, b: tf.Tensor | number) => tf.Tensor;
  a: (shape: readonly number[]) => FloatInput;
  b: (shape: readonly number[]) => FloatInput;
  /** A number second operand, and the input range that suits it. */
  scalar: number;
  aForScalar?: (shape: readonly number[]) => FloatInput;
}

const any = (shape: readonly number[]) => f32(shape);
const pos = (shape: readonly number[]) => positive(shape);
// maximum/minimum: a on multiples of 0.2, b halfway between them, so a ≠ b by at least 0.1 everywhere.
const evenGrid = (shape: readonly number[]) => f32(shape, { grid: { step: 0.2, offset: 0 } });
const oddGrid = (shape: readonly number[]) => f32(shape, { grid: { step: 0.2, offset: 0.1 } });

const maxMin = (op: typeof tf.maximum, a: tf.Tensor, b: tf.Tensor | number): tf.Tensor =>
  typeof b === 'number' ? op(a, b) : broadcastBinaryRef(op, a, b);

const binaries: Binary[] = [
  { op: 'add', loom: (a, b) => a.add(b), tfjs: (a, b) => tf.add(a, b), a: any, b: any, scalar: 1.5 },
  { op: 'sub', loom: (a, b) => a.sub(b), tfjs: (a, b) => tf.sub(a, b), a: any, b: any, scalar: 0.75 },
  { op: 'mul', loom: (a, b) => a.mul(b), tfjs: (a, b) => tf.mul(a, b), a: any, b: any, scalar: -1.5 },
  { op: 'div', loom: (a, b) => a.div(b), tfjs: (a, b) => tf.div(a, b), a: any, b: pos, scalar: -2.5 },
  { op: 'pow', loom: (a, b) => a.pow(b), tfjs: (a, b) => tf.pow(a, b), a: pos, b: any, scalar: 2, aForScalar: any },
  { op: 'maximum', loom: (a, b) => a.maximum(b), tfjs: (a, b) => maxMin(tf.maximum, a, b), a: evenGrid, b: oddGrid, scalar: 0.3, aForScalar: (s) => f32AwayFromKinks(s) },
  { op: 'minimum', loom: (a, b) => a.minimum(b), tfjs: (a, b) => maxMin(tf.minimum, a, b), a: evenGrid, b: oddGrid, scalar: -0.3, aForScalar: (s) => f32AwayFromKinks(s) },
];

function binaryCases(): OpCase[] {
  return binaries.flatMap((op): OpCase[] => {
    const pairCase = (what: string, sa: readonly number[], sb: readonly number[]): OpCase => ({
      name: `${op.op} ${what}`,
      inputs: [op.a(sa), op.b(sb)],
      loom: (a, b) => op.loom(a, b),
      tfjs: (a, b) => op.tfjs(a, b),
      differentiable: true,
    });
    const same = randomShape(rng, 1, 4);
    const [ba, bb] = mutualBroadcastPair(rng);
    const scalarShape = randomShape(rng, 1, 3);
    return [
      pairCase(`of two tensors of random shape ${fmt(same)}`, same, same),
      pairCase(`broadcasts [3, 1, 5] with [4, 5]`, [3, 1, 5], [4, 5]),
      pairCase(`broadcasts random shapes ${fmt(ba)} with ${fmt(bb)}`, ba, bb),
      pairCase(`broadcasts a scalar tensor [] with [2, 3]`, [], [2, 3]),
      pairCase(`broadcasts [2, 3] with a scalar tensor []`, [2, 3], []),
      pairCase(`keeps size-1 dims [1, 4, 1] with [1, 4, 1]`, [1, 4, 1], [1, 4, 1]),
      {
        name: `${op.op} takes a number operand (${op.scalar}) on ${fmt(scalarShape)}`,
        inputs: [(op.aForScalar ?? op.a)(scalarShape)],
        loom: (a) => op.loom(a, op.scalar),
        tfjs: (a) => op.tfjs(a, op.scalar),
        differentiable: true,
      },
    ];
  });
}

const comparisons: [string, (a: Tensor, b: Tensor | number) => Tensor, (a: tf.Tensor, b: tf.Tensor | number) => tf.Tensor][] = [
  ['eq', (a, b) => a.eq(b), (a, b) => tf.equal(a, b)],
  ['ne', (a, b) => a.ne(b), (a, b) => tf.notEqual(a, b)],
  ['lt', (a, b) => a.lt(b), (a, b) => tf.less(a, b)],
  ['le', (a, b) => a.le(b), (a, b) => tf.lessEqual(a, b)],
  ['gt', (a, b) => a.gt(b), (a, b) => tf.greater(a, b)],
  ['ge', (a, b) => a.ge(b), (a, b) => tf.greaterEqual(a, b)],
];

// Small integers (as float32), so equal pairs occur often.
const smallInts = (shape: readonly number[]) => f32(shape, { grid: { step: 1, offset: 0 } });

function comparisonCases(): OpCase[] {
  return comparisons.flatMap(([op, loom, oracle]): OpCase[] => {
    const [sa, sb] = mutualBroadcastPair(rng);
    return [
      {
        name: `${op} compares broadcast shapes ${fmt(sa)} and ${fmt(sb)} to bool`,
        inputs: [smallInts(sa), smallInts(sb)],
        loom: (a, b) => loom(a, b),
        tfjs: (a, b) => oracle(a, b),
        differentiable: false,
      },
      {
        name: `${op} compares with a number operand`,
        inputs: [smallInts([3, 4])],
        loom: (a) => loom(a, 1),
        tfjs: (a) => oracle(a, 1),
        differentiable: false,
      },
      {
        name: `${op} compares int32 tensors`,
        inputs: [i32([4, 3], -2, 2), i32([3], -2, 2)],
        loom: (a, b) => loom(a, b),
        tfjs: (a, b) => oracle(a, b),
        differentiable: false,
      },
    ];
  });
}

const whereCases: OpCase[] = [
  {
    name: 'x.where(cond, other) picks x where cond holds',
    inputs: [f32([3, 4]), bool([3, 4]), f32([3, 4])],
    loom: (x, cond, other) => x.where(cond, other),
    tfjs: (x, cond, other) => tf.where(cond, x, other),
    differentiable: true,
  },
  {
    name: 'where(cond, a, b) broadcasts cond [3, 1], a [1, 4] and b [4]',
    inputs: [bool([3, 1]), f32([1, 4]), f32([4])],
    loom: (cond, a, b) => where(cond, a, b),
    tfjs: (cond, a, b) => tf.where(cond, a, b),
    differentiable: true,
  },
  {
    name: 'where(cond, a, b) with a scalar branch',
    inputs: [bool([2, 3]), f32([2, 3]), f32([])],
    loom: (cond, a, b) => where(cond, a, b),
    tfjs: (cond, a, b) => tf.where(cond, a, b),
    differentiable: true,
  },
  {
    name: 'x.where(cond, 0) takes a number for other',
    inputs: [f32([2, 5]), bool([2, 5])],
    loom: (x, cond) => x.where(cond, 0),
    tfjs: (x, cond) => tf.where(cond, x, tf.zerosLike(x)),
    differentiable: true,
  },
  {
    name: 'where on a mask made by a comparison',
    inputs: [f32AwayFromKinks([4, 3])],
    loom: (x) => x.where(x.gt(0), x.mul(0.1)),
    // Not tf.where(tf.greater(…)): tfjs cannot differentiate through `greater`.
    tfjs: (x) => tf.leakyRelu(x, 0.1),
    differentiable: true,
  },
];

const castCases: OpCase[] = [
  {
    name: 'cast float32 to int32 truncates toward zero',
    inputs: [f32([3, 4], { range: [-3, 3] })],
    loom: (x) => x.cast('int32'),
    tfjs: (x) => tf.cast(x, 'int32'),
    differentiable: false,
  },
  {
    name: 'cast int32 to float32',
    inputs: [i32([5], -100, 100)],
    loom: (x) => x.cast('float32'),
    tfjs: (x) => tf.cast(x, 'float32'),
    differentiable: false,
  },
  {
    name: 'cast float32 to bool is x ≠ 0',
    inputs: [smallInts([2, 6])],
    loom: (x) => x.cast('bool'),
    tfjs: (x) => tf.cast(x, 'bool'),
    differentiable: false,
  },
  {
    name: 'cast bool to float32',
    inputs: [bool([7])],
    loom: (x) => x.cast('float32'),
    tfjs: (x) => tf.cast(x, 'float32'),
    differentiable: false,
  },
  {
    name: 'cast int32 to bool',
    inputs: [i32([6], -1, 1)],
    loom: (x) => x.cast('bool'),
    tfjs: (x) => tf.cast(x, 'bool'),
    differentiable: false,
  },
];

export const elementwiseCases: OpCase[] = [
  ...unaryCases(),
  ...binaryCases(),
  ...comparisonCases(),
  ...whereCases,
  ...castCases,
];

/** reshape, transpose/permute, expand, squeeze/unsqueeze, flatten, slice, pad, concat, stack. */
import { concat, stack } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import { f32, fmt, i32, type OpCase } from '../op-case.js';
import { randInt, randomPermutation, randomShape, rngFor } from '../random.js';
import { flattenRef, sliceRef } from '../tfjs-oracles.js';

const rng = rngFor('movement');

function reshapeCases(): OpCase[] {
  const shape = randomShape(rng, 2, 4);
  const reversed = [...shape].reverse();
  const inferred = [shape[0], -1];
  return [
    {
      name: `reshape ${fmt(shape)} to ${fmt(reversed)}`,
      inputs: [f32(shape)],
      loom: (x) => x.reshape(reversed),
      tfjs: (x) => tf.reshape(x, reversed),
      differentiable: true,
    },
    {
      name: `reshape ${fmt(shape)} to ${fmt(inferred)} infers the -1`,
      inputs: [f32(shape)],
      loom: (x) => x.reshape(inferred),
      tfjs: (x) => tf.reshape(x, inferred),
      differentiable: true,
    },
    {
      name: 'reshape [1, 1] to a scalar []',
      inputs: [f32([1, 1])],
      loom: (x) => x.reshape([]),
      tfjs: (x) => tf.reshape(x, []),
      differentiable: true,
    },
    {
      name: 'reshape keeps int32 values',
      inputs: [i32([2, 6], -50, 50)],
      loom: (x) => x.reshape([3, 4]),
      tfjs: (x) => tf.reshape(x, [3, 4]),
      differentiable: false,
    },
  ];
}

function transposeCases(): OpCase[] {
  const rev = randomShape(rng, 2, 4);
  const permShape = randomShape(rng, 3, 4);
  const perm = randomPermutation(rng, permShape.length);
  const permuteShape = randomShape(rng, 3, 4);
  const permutePerm = randomPermutation(rng, permuteShape.length);
  return [
    {
      name: `transpose() reverses the axes of random shape ${fmt(rev)}`,
      inputs: [f32(rev)],
      loom: (x) => x.transpose(),
      tfjs: (x) => tf.transpose(x),
      differentiable: true,
    },
    {
      name: `transpose(${fmt(perm)}) of random shape ${fmt(permShape)}`,
      inputs: [f32(permShape)],
      loom: (x) => x.transpose(perm),
      tfjs: (x) => tf.transpose(x, perm),
      differentiable: true,
    },
    {
      name: `permute(${fmt(permutePerm)}) of random shape ${fmt(permuteShape)}`,
      inputs: [f32(permuteShape)],
      loom: (x) => x.permute(permutePerm),
      tfjs: (x) => tf.transpose(x, permutePerm),
      differentiable: true,
    },
    {
      name: 'permute of an int32 tensor',
      inputs: [i32([2, 3, 4], -9, 9)],
      loom: (x) => x.permute([2, 0, 1]),
      tfjs: (x) => tf.transpose(x, [2, 0, 1]),
      differentiable: false,
    },
  ];
}

function expandCases(): OpCase[] {
  const target = randomShape(rng, 3, 4, 4).map((d) => Math.max(d, 2));
  const source = target.map((d) => (rng() < 0.5 ? 1 : d)).slice(randInt(rng, 0, 1));
  return [
    {
      name: 'expand [3, 1] to [2, 3, 4] adds a leading axis',
      inputs: [f32([3, 1])],
      loom: (x) => x.expand([2, 3, 4]),
      tfjs: (x) => tf.broadcastTo(x, [2, 3, 4]),
      differentiable: true,
    },
    {
      name: `expand random shape ${fmt(source)} to ${fmt(target)}`,
      inputs: [f32(source)],
      loom: (x) => x.expand(target),
      tfjs: (x) => tf.broadcastTo(x, target),
      differentiable: true,
    },
    {
      name: 'expand a scalar to [2, 3]',
      inputs: [f32([])],
      loom: (x) => x.expand([2, 3]),
      tfjs: (x) => tf.broadcastTo(x, [2, 3]),
      differentiable: true,
    },
  ];
}

const squeezeCases: OpCase[] = [
  {
    name: 'squeeze() drops every size-1 axis of [1, 3, 1, 2]',
    inputs: [f32([1, 3, 1, 2])],
    loom: (x) => x.squeeze(),
    tfjs: (x) => tf.squeeze(x),
    differentiable: true,
  },
  {
    name: 'squeeze(-2) drops one size-1 axis of [3, 1, 2]',
    inputs: [f32([3, 1, 2])],
    loom: (x) => x.squeeze(-2),
    tfjs: (x) => tf.squeeze(x, [1]),
    differentiable: true,
  },
  ...[0, 1, -1].map(
    (axis): OpCase => ({
      name: `unsqueeze(${axis}) of [3, 4]`,
      inputs: [f32([3, 4])],
      loom: (x) => x.unsqueeze(axis),
      tfjs: (x) => tf.expandDims(x, axis),
      differentiable: true,
    }),
  ),
];

function flattenCases(): OpCase[] {
  const shape = randomShape(rng, 3, 4);
  const calls: [string, number, number][] = [
    ['flatten()', 0, -1],
    ['flatten(1)', 1, -1],
    ['flatten(1, 2)', 1, 2],
  ];
  return calls.map(([call, start, end]) => ({
    name: `${call} of random shape ${fmt(shape)}`,
    inputs: [f32(shape)],
    loom: (x) => x.flatten(start, end),
    tfjs: (x) => flattenRef(x, start, end),
    differentiable: true,
  }));
}

function sliceCases(): OpCase[] {
  const shape = randomShape(rng, 2, 4, 6).map((d) => Math.max(d, 2));
  const begin = shape.map((d) => randInt(rng, 0, d - 1));
  const end = shape.map((d, i) => randInt(rng, begin[i] + 1, d));
  const slice = (what: string, s: readonly number[], b: number[], e?: number[]): OpCase => ({
    name: `slice ${what}`,
    inputs: [f32(s)],
    loom: (x) => x.slice(b, e),
    tfjs: (x) => sliceRef(x, b, e),
    differentiable: true,
  });
  return [
    slice(`${fmt(begin)} to ${fmt(end)} of random shape ${fmt(shape)}`, shape, begin, end),
    slice('with negative begin and end [-3, -2] to [-1, 4] of [5, 4]', [5, 4], [-3, -2], [-1, 4]),
    slice('with fewer begins than axes keeps the missing axes whole', [4, 3, 2], [1], [3]),
    slice('with no end runs to the end of every axis', [4, 5], [1, 2]),
  ];
}

function padCases(): OpCase[] {
  const shape = randomShape(rng, 3, 3, 4);
  const pads = shape.map((): [number, number] => [randInt(rng, 0, 2), randInt(rng, 0, 2)]);
  return [
    {
      name: 'pad [[1, 2], [0, 1]] with zeros',
      inputs: [f32([2, 3])],
      loom: (x) => x.pad([[1, 2], [0, 1]]),
      tfjs: (x) => tf.pad(x, [[1, 2], [0, 1]]),
      differentiable: true,
    },
    {
      name: `pad random shape ${fmt(shape)} by ${JSON.stringify(pads)} with -1.5`,
      inputs: [f32(shape)],
      loom: (x) => x.pad(pads, -1.5),
      tfjs: (x) => tf.pad(x, pads, -1.5),
      differentiable: true,
    },
  ];
}

function concatStackCases(): OpCase[] {
  const base = randomShape(rng, 2, 3, 4);
  const axis = randInt(rng, 0, base.length - 1);
  const sizes = [randInt(rng, 1, 4), randInt(rng, 1, 4), randInt(rng, 1, 4)];
  const parts = sizes.map((n) => base.map((d, i) => (i === axis ? n : d)));
  const stackShape = randomShape(rng, 1, 3, 4);
  return [
    {
      name: `concat three tensors ${parts.map(fmt).join(', ')} along axis ${axis}`,
      inputs: parts.map((s) => f32(s)),
      loom: (...xs) => concat(xs, axis),
      tfjs: (...xs) => tf.concat(xs, axis),
      differentiable: true,
    },
    {
      name: 'x.concat(others, -1) joins [2, 3] and [2, 1] along the last axis',
      inputs: [f32([2, 3]), f32([2, 1])],
      loom: (a, b) => a.concat([b], -1),
      tfjs: (a, b) => tf.concat([a, b], -1),
      differentiable: true,
    },
    {
      name: 'concat of int32 tensors along axis 0',
      inputs: [i32([2, 2], 0, 9), i32([1, 2], 0, 9)],
      loom: (a, b) => concat([a, b], 0),
      tfjs: (a, b) => tf.concat([a, b], 0),
      differentiable: false,
    },
    ...[0, stackShape.length, -1].map(
      (stackAxis): OpCase => ({
        name: `stack three tensors of random shape ${fmt(stackShape)} along axis ${stackAxis}`,
        inputs: [f32(stackShape), f32(stackShape), f32(stackShape)],
        loom: (...xs) => stack(xs, stackAxis),
        tfjs: (...xs) => tf.stack(xs, stackAxis),
        differentiable: true,
      }),
    ),
  ];
}

export const movementCases: OpCase[] = [
  ...reshapeCases(),
  ...transposeCases(),
  ...expandCases(),
  ...squeezeCases,
  ...flattenCases(),
  ...sliceCases(),
  ...padCases(),
  ...concatStackCases(),
];

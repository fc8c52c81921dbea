/** gather, scatterAdd (its adjoint) and oneHot, with repeated indices so gradients must accumulate. */
import { oneHot, scatterAdd } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import { f32, fmt, i32, i32Values, type OpCase } from '../op-case.js';
import { randInt, randomShape, rngFor } from '../random.js';
import { scatterAddRef } from '../tfjs-oracles.js';

const rng = rngFor('indexing');

function gatherCase(what: string, xShape: readonly number[], idxShape: readonly number[], axis: number): OpCase {
  const a = axis < 0 ? axis + xShape.length : axis;
  return {
    name: `gather ${what} (x ${fmt(xShape)}, indices ${fmt(idxShape)}, axis ${axis})`,
    inputs: [f32(xShape), i32(idxShape, 0, xShape[a] - 1)],
    loom: (x, idx) => x.gather(idx, axis),
    tfjs: (x, idx) => tf.gather(x, idx, axis),
    differentiable: true,
  };
}

function gatherCases(): OpCase[] {
  const shape = randomShape(rng, 1, 3, 5);
  const axis = randInt(rng, 0, shape.length - 1);
  const idx = randomShape(rng, 1, 2, 4);
  return [
    gatherCase('picks rows, repeating some', [5, 3], [7], 0),
    gatherCase('along axis 1 with 2-D indices', [2, 5, 3], [2, 2], 1),
    gatherCase('along a negative axis', [3, 4], [5], -1),
    gatherCase('with a scalar index drops the axis', [4, 3], [], 0),
    gatherCase('on random shapes', shape, idx, axis),
    {
      name: 'gather of an int32 tensor',
      inputs: [i32([6, 2], -9, 9), i32Values([4], [5, 0, 5, 2])],
      loom: (x, idx) => x.gather(idx, 0),
      tfjs: (x, idx) => tf.gather(x, idx, 0),
      differentiable: false,
    },
  ];
}

function scatterCase(what: string, updShape: readonly number[], idxShape: readonly number[], size: number, axis: number): OpCase {
  return {
    name: `scatterAdd ${what} (updates ${fmt(updShape)}, indices ${fmt(idxShape)}, size ${size}, axis ${axis})`,
    inputs: [f32(updShape), i32(idxShape, 0, size - 1)],
    loom: (upd, idx) => scatterAdd(upd, idx, size, axis),
    tfjs: (upd, idx) => scatterAddRef(upd, idx, size, axis),
    differentiable: true,
  };
}

function scatterCases(): OpCase[] {
  const n = randInt(rng, 2, 6);
  const rest = randomShape(rng, 0, 2, 4);
  const size = randInt(rng, 1, 5);
  return [
    scatterCase('sums rows with repeated indices', [6, 3], [6], 4, 0),
    scatterCase('along axis 1', [2, 3, 4], [3], 5, 1),
    scatterCase('with 2-D indices', [2, 2, 3], [2, 2], 4, 0),
    scatterCase('along a negative axis', [3, 4], [4], 6, -1),
    scatterCase('on random shapes', [n, ...rest], [n], size, 0),
  ];
}

const oneHotCases: OpCase[] = [
  {
    name: 'oneHot of int32 indices [5] with depth 4',
    inputs: [i32([5], 0, 3)],
    loom: (idx) => oneHot(idx, 4),
    tfjs: (idx) => tf.oneHot(idx, 4),
    differentiable: false,
    // The spec leaves oneHot's dtype open (tfjs gives int32, PyTorch int64); values must match.
    checkDtype: false,
  },
  {
    name: 'oneHot of 2-D indices [2, 3] with depth 5',
    inputs: [i32([2, 3], 0, 4)],
    loom: (idx) => oneHot(idx, 5),
    tfjs: (idx) => tf.oneHot(idx, 5),
    differentiable: false,
    checkDtype: false,
  },
];

export const indexingCases: OpCase[] = [...gatherCases(), ...scatterCases(), ...oneHotCases];

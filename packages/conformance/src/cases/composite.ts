/** Ops composed from primitives: softmax, logSoftmax, layerNorm, dropout (gelu and elu sit with the activations). */
import { dropout, layerNorm } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import { f32, fmt, type OpCase, type PropertyCheck } from '../op-case.js';
import { randInt, randomShape, rngFor } from '../random.js';
import { layerNormRef, logSoftmaxRef, softmaxRef } from '../tfjs-oracles.js';

const rng = rngFor('composite');

function softmaxCases(): OpCase[] {
  const shape = randomShape(rng, 2, 4, 5);
  const axis = randInt(rng, 0, shape.length - 1);
  const variants: [string, readonly number[], number | undefined][] = [
    ['over the last axis by default of random shape', shape, undefined],
    [`over axis ${axis} of random shape`, shape, axis],
    ['over axis 0 of', [4, 3], 0],
    ['over axis -2 of', [2, 3, 4], -2],
    ['of a vector', [6], undefined],
  ];
  return (['softmax', 'logSoftmax'] as const).flatMap((op) => [
    ...variants.map(
      ([what, s, ax]): OpCase => ({
        name: `${op} ${what} ${fmt(s)}`,
        inputs: [f32(s, { range: [-3, 3] })],
        loom: (x) => (op === 'softmax' ? x.softmax(ax) : x.logSoftmax(ax)),
        tfjs: (x) => (op === 'softmax' ? softmaxRef(x, ax ?? -1) : logSoftmaxRef(x, ax ?? -1)),
        differentiable: true,
      }),
    ),
    {
      name: `${op} stays finite for logits up to ±100 (no overflow of exp)`,
      inputs: [f32([3, 5], { range: [-100, 100] })],
      loom: (x) => (op === 'softmax' ? x.softmax() : x.logSoftmax()),
      tfjs: (x) => (op === 'softmax' ? softmaxRef(x, -1) : logSoftmaxRef(x, -1)),
      differentiable: false,
      // logSoftmax values reach −200, where float32's spacing is 1.5e-5; rtol 1e-5 of that is fine,
      // but the differences of two numbers near 100 lose digits: allow a few ulps of 100.
      tol: { rtol: 1e-5, atol: 4e-5 },
    },
  ]);
}

function layerNormCases(): OpCase[] {
  const shape = randomShape(rng, 2, 3, 6).map((d) => Math.max(d, 2));
  const d = shape[shape.length - 1];
  return [
    {
      name: `layerNorm over the last axis of random shape ${fmt(shape)}`,
      inputs: [f32(shape)],
      loom: (x) => layerNorm(x, [d]),
      tfjs: (x) => layerNormRef(x, 1, 1e-5),
      differentiable: true,
    },
    {
      name: 'layerNorm with weight and bias over [5] of [2, 3, 5]',
      inputs: [f32([2, 3, 5]), f32([5]), f32([5])],
      loom: (x, weight, bias) => layerNorm(x, [5], { weight, bias }),
      tfjs: (x, weight, bias) => layerNormRef(x, 1, 1e-5, weight, bias),
      differentiable: true,
    },
    {
      name: 'layerNorm over the last two axes [3, 4] with weight and bias',
      inputs: [f32([2, 3, 4]), f32([3, 4]), f32([3, 4])],
      loom: (x, weight, bias) => layerNorm(x, [3, 4], { weight, bias }),
      tfjs: (x, weight, bias) => layerNormRef(x, 2, 1e-5, weight, bias),
      differentiable: true,
    },
    {
      name: 'layerNorm with eps 0.1 on nearly constant rows',
      inputs: [f32([3, 4], { range: [0.9, 1.1] })],
      loom: (x) => layerNorm(x, [4], { eps: 0.1 }),
      tfjs: (x) => layerNormRef(x, 1, 0.1),
      differentiable: true,
    },
  ];
}

/** Every output is 0 or x/(1-p), and the dropped fraction is within 5 points of p. */
function droppedFraction(p: number): PropertyCheck {
  return (out, [x]) => {
    let dropped = 0;
    for (let i = 0; i < out.values.length; i++) {
      const y = out.values[i];
      const kept = x[i] / (1 - p);
      if (y === 0) dropped++;
      else if (Math.abs(y - kept) > 1e-5 * Math.abs(kept) + 1e-6)
        throw new Error(`dropout: element ${i} is ${y}, neither 0 nor x/(1-p) = ${kept}`);
    }
    const fraction = dropped / out.values.length;
    if (Math.abs(fraction - p) > 0.05) throw new Error(`dropout: dropped ${fraction} of the elements, expected about ${p}`);
  };
}

const dropoutCases: OpCase[] = [
  {
    name: 'dropout with p 0.3 zeroes about 30% and scales the rest by 1/(1-p)',
    inputs: [f32([40, 50], { range: [0.5, 2] })],
    loom: (x) => dropout(x, 0.3, { seed: 11 }),
    property: droppedFraction(0.3),
    differentiable: true,
  },
  {
    name: 'dropout with the same seed drops the same elements',
    inputs: [f32([8, 9])],
    loom: (x) => dropout(x, 0.5, { seed: 5 }).sub(dropout(x, 0.5, { seed: 5 })),
    tfjs: (x) => tf.zerosLike(x),
    differentiable: false,
  },
  {
    name: 'dropout with different seeds drops different elements',
    inputs: [f32([8, 9], { range: [0.5, 2] })],
    loom: (x) => dropout(x, 0.5, { seed: 1 }).sub(dropout(x, 0.5, { seed: 2 })),
    property: (out) => {
      if (out.values.every((v) => v === 0)) throw new Error('dropout: seeds 1 and 2 gave identical masks');
    },
    differentiable: false,
  },
  {
    name: 'dropout with training false is the identity',
    inputs: [f32([3, 7])],
    loom: (x) => dropout(x, 0.5, { seed: 3, training: false }),
    tfjs: (x) => tf.mul(x, 1),
    differentiable: true,
  },
  {
    name: 'dropout with p 0 is the identity',
    inputs: [f32([3, 7])],
    loom: (x) => dropout(x, 0, { seed: 3 }),
    tfjs: (x) => tf.mul(x, 1),
    differentiable: true,
  },
];

export const compositeCases: OpCase[] = [...softmaxCases(), ...layerNormCases(), ...dropoutCases];

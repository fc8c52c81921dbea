/** Tensors made from values or from nothing: tensor, zeros, ones, full, arange, eye, rand, randn. */
import { arange, eye, full, ones, rand, randn, tensor, zeros, type Tensor } from '@loom/graph';
import * as tf from '@tensorflow/tfjs';
import type { OpCase, PropertyCheck } from '../op-case.js';

function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) };
}

/** Checks shape, dtype and the sample mean/std (5 standard errors of slack) of a random tensor. */
function distribution(shape: readonly number[], expected: { mean: number; std: number }, bounds?: [number, number]): PropertyCheck {
  return (out) => {
    if (out.shape.join() !== shape.join()) throw new Error(`shape is [${out.shape.join(', ')}], expected [${shape.join(', ')}]`);
    if (out.dtype !== 'float32') throw new Error(`dtype is ${out.dtype}, expected float32`);
    if (bounds && out.values.some((v) => v < bounds[0] || v >= bounds[1]))
      throw new Error(`a value falls outside [${bounds[0]}, ${bounds[1]})`);
    const { mean, std } = meanAndStd(out.values);
    const se = expected.std / Math.sqrt(out.values.length);
    if (Math.abs(mean - expected.mean) > 5 * se) throw new Error(`sample mean ${mean}, expected ${expected.mean} ± ${5 * se}`);
    if (Math.abs(std - expected.std) > 0.05 * expected.std) throw new Error(`sample std ${std}, expected ${expected.std}`);
  };
}

const made = (name: string, loom: () => Tensor, oracle: () => tf.Tensor, checkDtype = true): OpCase => ({
  name,
  inputs: [],
  loom: () => loom(),
  tfjs: () => oracle(),
  differentiable: false,
  checkDtype,
});

export const creationCases: OpCase[] = [
  made('tensor from nested arrays is float32', () => tensor([[1, 2, 3], [4, 5, 6]]), () => tf.tensor([[1, 2, 3], [4, 5, 6]])),
  made('tensor from a number is a scalar', () => tensor(2.5), () => tf.scalar(2.5)),
  made('tensor with dtype int32', () => tensor([[1, -2], [3, 4]], 'int32'), () => tf.tensor([[1, -2], [3, 4]], undefined, 'int32')),
  made(
    'tensor from a flat typed array and a shape',
    () => tensor(new Float32Array([1, 2, 3, 4, 5, 6]), { shape: [3, 2] }),
    () => tf.tensor([1, 2, 3, 4, 5, 6], [3, 2]),
  ),
  made('zeros [2, 3]', () => zeros([2, 3]), () => tf.zeros([2, 3])),
  made('zeros with dtype int32', () => zeros([4], 'int32'), () => tf.zeros([4], 'int32')),
  made('ones [3, 1, 2]', () => ones([3, 1, 2]), () => tf.ones([3, 1, 2])),
  made('full [2, 2] with 7.5', () => full([2, 2], 7.5), () => tf.fill([2, 2], 7.5)),
  // The spec does not fix arange's dtype (PyTorch gives integers for integer arguments): values only.
  made('arange(5) counts from 0', () => arange(5), () => tf.range(0, 5), false),
  made('arange(2, 7) counts from 2 to 6', () => arange(2, 7), () => tf.range(2, 7), false),
  made('arange(0, 1, 0.25) takes a fractional step', () => arange(0, 1, 0.25), () => tf.range(0, 1, 0.25), false),
  made('arange(5, 0, -2) counts down', () => arange(5, 0, -2), () => tf.range(5, 0, -2), false),
  made('eye(3) is the identity', () => eye(3), () => tf.eye(3)),
  made('eye(2, 4) is rectangular', () => eye(2, 4), () => tf.eye(2, 4)),
  {
    name: 'rand is uniform on [0, 1)',
    inputs: [],
    loom: () => rand([50, 40], { seed: 1 }),
    property: distribution([50, 40], { mean: 0.5, std: Math.sqrt(1 / 12) }, [0, 1]),
    differentiable: false,
  },
  {
    name: 'randn is standard normal',
    inputs: [],
    loom: () => randn([50, 40], { seed: 2 }),
    property: distribution([50, 40], { mean: 0, std: 1 }),
    differentiable: false,
  },
  {
    name: 'rand with the same seed repeats its values',
    inputs: [],
    loom: () => rand([4, 5], { seed: 9 }).sub(rand([4, 5], { seed: 9 })),
    tfjs: () => tf.zeros([4, 5]),
    differentiable: false,
  },
  {
    name: 'randn with different seeds gives different values',
    inputs: [],
    loom: () => randn([4, 5], { seed: 3 }).sub(randn([4, 5], { seed: 4 })),
    property: (out) => {
      if (out.values.every((v) => v === 0)) throw new Error('randn: seeds 3 and 4 gave the same values');
    },
    differentiable: false,
  },
];

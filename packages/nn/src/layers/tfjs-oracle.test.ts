import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { manualSeed, randn, type Tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { Linear } from './linear.js';
import { Conv2d } from './conv2d.js';
import { LSTM } from './lstm.js';
import { GRU } from './gru.js';

beforeAll(async () => {
  await useCpu();
  await tf.setBackend('cpu');
  manualSeed(21);
});

/** A Loom tensor's value as a tfjs tensor. */
async function toTf(t: Tensor): Promise<tf.Tensor> {
  return tf.tensor(Array.from(await t.data()), [...t.shape]);
}

async function expectClose(actual: Tensor, expected: tf.Tensor, tolerance = 1e-4): Promise<void> {
  expect(actual.shape).toEqual(expected.shape);
  const a = await actual.data();
  const e = await expected.data();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]));
  expect(worst).toBeLessThan(tolerance);
}

/** Columns of gate blocks of a [rows, gates·H] matrix (or [gates·H] vector), in a new order. */
function reorderGates(t: tf.Tensor, hidden: number, order: number[]): tf.Tensor {
  const axis = t.rank - 1;
  return tf.concat(order.map((g) => tf.slice(t, t.rank === 1 ? [g * hidden] : [0, g * hidden], t.rank === 1 ? [hidden] : [-1, hidden])), axis);
}

describe('layers match tfjs given the same weights', () => {
  it('Linear matches tf.layers.dense', async () => {
    const linear = new Linear(6, 4);
    const x = randn([5, 6]);
    const dense = tf.layers.dense({ units: 4, inputShape: [6] });
    dense.build([null, 6]);
    dense.setWeights([tf.transpose(await toTf(linear.weight)), await toTf(linear.bias!)]);
    await expectClose(linear.forward(x), dense.apply(await toTf(x)) as tf.Tensor);
  });

  for (const [padding, stride] of [
    ['valid', 1],
    ['same', 2],
  ] as const)
    it(`Conv2d matches tf.layers.conv2d (padding ${padding}, stride ${stride})`, async () => {
      const conv = new Conv2d(3, 5, 3, { padding, stride });
      const x = randn([2, 3, 7, 7]);
      const oracle = tf.layers.conv2d({ filters: 5, kernelSize: 3, strides: stride, padding, dataFormat: 'channelsLast' });
      oracle.build([null, 7, 7, 3]);
      // Loom: weight [O, I, kH, kW], NCHW. tfjs: kernel [kH, kW, I, O], NHWC.
      oracle.setWeights([tf.transpose(await toTf(conv.weight), [2, 3, 1, 0]), await toTf(conv.bias!)]);
      const expected = tf.transpose(oracle.apply(tf.transpose(await toTf(x), [0, 2, 3, 1])) as tf.Tensor, [0, 3, 1, 2]);
      await expectClose(conv.forward(x), expected);
    });

  it('LSTM matches tf.layers.lstm (sequence and final states)', async () => {
    const lstm = new LSTM(3, 4, { batchFirst: true });
    const x = randn([2, 5, 3]);
    const oracle = tf.layers.lstm({ units: 4, returnSequences: true, returnState: true, recurrentActivation: 'sigmoid' });
    oracle.apply(await toTf(x)); // builds the weights (an explicit build() would add them twice)
    const cell = lstm.cells[0];
    // Same gate order (i, f, g/c, o); tfjs has one bias where PyTorch has two.
    oracle.setWeights([
      tf.transpose(await toTf(cell.weightIh)),
      tf.transpose(await toTf(cell.weightHh)),
      tf.add(await toTf(cell.biasIh!), await toTf(cell.biasHh!)),
    ]);
    const [sequence, h, c] = oracle.apply(await toTf(x)) as tf.Tensor[];
    const out = lstm.forward(x);
    await expectClose(out.output, sequence);
    await expectClose(out.h.reshape([2, 4]), h);
    await expectClose(out.c.reshape([2, 4]), c);
  });

  it('GRU with resetAfter: false matches tf.layers.gru', async () => {
    const gru = new GRU(3, 4, { batchFirst: true, resetAfter: false });
    const x = randn([2, 6, 3]);
    const oracle = tf.layers.gru({ units: 4, returnSequences: true, recurrentActivation: 'sigmoid' });
    oracle.apply(await toTf(x));
    const cell = gru.cells[0];
    // Loom (PyTorch) gates are r, z, n; tfjs's are z, r, h.
    const zrh = [1, 0, 2];
    oracle.setWeights([
      reorderGates(tf.transpose(await toTf(cell.weightIh)), 4, zrh),
      reorderGates(tf.transpose(await toTf(cell.weightHh)), 4, zrh),
      reorderGates(tf.add(await toTf(cell.biasIh!), await toTf(cell.biasHh!)), 4, zrh),
    ]);
    await expectClose(gru.forward(x).output, oracle.apply(await toTf(x)) as tf.Tensor);
  });

  it('GRU’s default (reset after, PyTorch’s form) differs from tfjs’s form on the same weights', async () => {
    const before = new GRU(3, 4, { resetAfter: false, seed: 5 });
    const after = new GRU(3, 4, { seed: 5 });
    const x = randn([4, 2, 3]);
    const [a, b] = [await before.forward(x).output.data(), await after.forward(x).output.data()];
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeGreaterThan(1e-3);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { mse } from './mse.js';
import { crossEntropy } from './cross-entropy.js';
import { nllLoss } from './nll-loss.js';
import { binaryCrossEntropyWithLogits } from './binary-cross-entropy.js';

beforeAll(useCpu);

const rows = [
  [2, 0.5, -1],
  [0, 3, 0.25],
];
const labels = [0, 2];

/** log softmax of one row, in float64. */
function logSoftmax(row: number[]): number[] {
  const max = Math.max(...row);
  const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
  return row.map((v) => v - logSum);
}

const logits = () => tensor(rows);
const labelTensor = () => tensor(Int32Array.from(labels), { shape: [2] });

describe('losses', () => {
  it('mse is the mean of squared differences, or their sum', async () => {
    expect(await mse(tensor([1, 2, 3]), tensor([1, 4, 6])).item()).toBeCloseTo((0 + 4 + 9) / 3, 5);
    expect(await mse(tensor([1, 2, 3]), tensor([1, 4, 6]), { reduction: 'sum' }).item()).toBeCloseTo(13, 5);
    expect(() => mse(tensor([1, 2]), tensor([[1, 2]]))).toThrow(/same shape/);
  });

  it('crossEntropy from logits equals −log softmax at the label, averaged', async () => {
    const expected = -(logSoftmax(rows[0])[0] + logSoftmax(rows[1])[2]) / 2;
    expect(await crossEntropy(logits(), labelTensor()).item()).toBeCloseTo(expected, 5);
  });

  it('crossEntropy with label smoothing mixes in the mean −log p over classes', async () => {
    const eps = 0.1;
    const perRow = rows.map((row, i) => {
      const lp = logSoftmax(row);
      return (1 - eps) * -lp[labels[i]] + eps * -(lp.reduce((a, b) => a + b, 0) / 3);
    });
    expect(await crossEntropy(logits(), labelTensor(), { labelSmoothing: eps }).item()).toBeCloseTo((perRow[0] + perRow[1]) / 2, 5);
  });

  it('crossEntropy accepts class probabilities as targets', async () => {
    const targets = tensor([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(await crossEntropy(logits(), targets).item()).toBeCloseTo(await crossEntropy(logits(), labelTensor()).item(), 5);
  });

  it('crossEntropy takes classes on the last axis for sequences and skips ignoreIndex labels', async () => {
    const sequence = tensor([rows]); // [1, 2, 3]
    const withPadding = tensor(Int32Array.of(0, -100), { shape: [1, 2] });
    expect(await crossEntropy(sequence, withPadding, { ignoreIndex: -100 }).item()).toBeCloseTo(-logSoftmax(rows[0])[0], 5);
  });

  it('crossEntropy names the shapes when labels do not fit the logits', () => {
    expect(() => crossEntropy(logits(), tensor(Int32Array.of(0, 1, 2), { shape: [3] }))).toThrow(/labels must be int32 of shape \[2\] for scores \[2, 3\]/);
  });

  it('nllLoss of logSoftmax equals crossEntropy', async () => {
    expect(await nllLoss(logits().logSoftmax(-1), labelTensor()).item()).toBeCloseTo(await crossEntropy(logits(), labelTensor()).item(), 6);
  });

  it('binaryCrossEntropyWithLogits matches −[y log σ(x) + (1 − y) log(1 − σ(x))], stably for large logits', async () => {
    const x = [3, -2, 0.5, 40];
    const y = [1, 0, 0.3, 1];
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    const expected = x.map((v, i) => -(y[i] * Math.log(sigmoid(v)) + (1 - y[i]) * Math.log(1 - sigmoid(v) || 1e-300)));
    expected[3] = 0; // log σ(40) underflows to 0 in float64; the stable form gives ≈ 4e-18
    const got = await binaryCrossEntropyWithLogits(tensor(x), tensor(y), { reduction: 'none' }).data();
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    const weighted = await binaryCrossEntropyWithLogits(tensor([3]), tensor([1]), { posWeight: 2 }).item();
    expect(weighted).toBeCloseTo(-2 * Math.log(sigmoid(3)), 5);
  });
});

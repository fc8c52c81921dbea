import { beforeAll, describe, expect, it } from 'vitest';
import { randn, tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { Conv2d } from './conv2d.js';
import { MaxPool2d } from './pooling.js';
import { Flatten } from './flatten.js';
import { Linear } from './linear.js';
import { ReLU } from './activations.js';
import { Sequential } from './sequential.js';
import { Embedding } from './embedding.js';
import { LSTM } from './lstm.js';
import { GRU } from './gru.js';
import { Dropout } from './dropout.js';
import { LSTMCell } from './lstm-cell.js';

beforeAll(useCpu);

describe('layer shapes and errors', () => {
  it('the textbook CNN maps [N, 1, 28, 28] digits to [N, 10] logits', () => {
    const cnn = new Sequential(new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2), new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(1600, 10));
    expect(cnn.forward(randn([2, 1, 28, 28])).shape).toEqual([2, 10]);
  });

  it('Linear names the feature count it expected', () => {
    expect(() => new Linear(3, 2).forward(randn([4, 5]))).toThrow(/Linear: input \[4, 5\] must end in 3 features/);
  });

  it('Embedding maps int32 ids of any shape to vectors, and a padding id to zeros', async () => {
    const emb = new Embedding(5, 3, { paddingIdx: 0 });
    const out = emb.forward(tensor(Int32Array.of(0, 4, 2, 0), { shape: [2, 2] }));
    expect(out.shape).toEqual([2, 2, 3]);
    expect(((await out.array()) as number[][][])[1][1]).toEqual([0, 0, 0]);
    expect(() => emb.forward(tensor([1, 2]))).toThrow(/indices must be int32/);
  });

  it('LSTM returns the sequence and [numLayers, batch, hidden] final states, and takes initial states', async () => {
    const lstm = new LSTM(3, 5, { numLayers: 2, batchFirst: true });
    const x = randn([4, 6, 3]);
    const { output, h, c } = lstm.forward(x);
    expect([output.shape, h.shape, c.shape]).toEqual([[4, 6, 5], [2, 4, 5], [2, 4, 5]]);
    // The last output step is the top layer's final h.
    const last = await output.slice([0, 5], [4, 6]).reshape([4, 5]).data();
    expect(Array.from(await h.slice([1], [2]).reshape([4, 5]).data())).toEqual(Array.from(last));
    const continued = lstm.forward(x, { h, c });
    expect(continued.output.shape).toEqual([4, 6, 5]);
    expect(() => lstm.forward(x, { h: randn([1, 4, 5]) })).toThrow(/initial state \[1, 4, 5\] must be \[2, 4, 5\]/);
  });

  it('an LSTM cell steps one time step like the layer does', async () => {
    const lstm = new LSTM(2, 3, { seed: 4 });
    const x = randn([1, 2, 2]);
    const [h] = lstm.cells[0].forward(x.reshape([2, 2]));
    const expected = await lstm.forward(x).output.reshape([2, 3]).data();
    (await h.data()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(new LSTMCell(2, 3).parameters()).toHaveLength(4);
  });

  it('GRU takes [time, batch, features] by default', () => {
    expect(new GRU(3, 2).forward(randn([7, 2, 3])).output.shape).toEqual([7, 2, 2]);
  });

  it('Dropout zeroes and rescales in training and is the identity in evaluation', async () => {
    const drop = new Dropout(0.5);
    const x = tensor(new Float32Array(100).fill(1));
    const trained = await drop.forward(x).data();
    expect(trained.every((v) => v === 0 || v === 2)).toBe(true);
    expect(trained.some((v) => v === 0)).toBe(true);
    drop.eval();
    expect(Array.from(await drop.forward(x).data()).every((v) => v === 1)).toBe(true);
  });
});

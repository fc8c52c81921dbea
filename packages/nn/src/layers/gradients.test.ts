import { beforeAll, describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, type Tensor } from '@loom/graph';
import type { Module } from '../core/module.js';
import { agrees, checkInputGradient, checkParameterGradients, randomProjection } from '../testing/gradient-check.js';
import { useCpu } from '../testing/use-cpu.js';
import { Linear } from './linear.js';
import { Conv2d } from './conv2d.js';
import { AvgPool2d, MaxPool2d } from './pooling.js';
import { Flatten } from './flatten.js';
import { ELU, GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Softplus, Tanh } from './activations.js';
import { Sequential } from './sequential.js';
import { BatchNorm1d, BatchNorm2d } from './batch-norm.js';
import { LayerNorm } from './layer-norm.js';
import { Embedding } from './embedding.js';
import { RNN } from './rnn.js';
import { LSTM } from './lstm.js';
import { GRU } from './gru.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import { PositionalEncoding } from './positional-encoding.js';
import { TransformerEncoderLayer } from './transformer-encoder-layer.js';

beforeAll(useCpu);

interface Case {
  name: string;
  make: () => Module;
  input: () => Tensor;
  run: (module: Module, input: Tensor) => Tensor[];
  /** Integer inputs (token ids) have no gradient of their own. */
  integerInput?: boolean;
}

/** Small enough that a step rarely crosses a ReLU or max-pool kink, large enough for float32. */
const eps = 1e-3;

const unary = (module: Module, x: Tensor) => [(module as Module & { forward(x: Tensor): Tensor }).forward(x)];

const cases: Case[] = [
  { name: 'Linear', make: () => new Linear(5, 3), input: () => randn([4, 5]), run: unary },
  { name: 'Linear on a [batch, time, features] input', make: () => new Linear(3, 2), input: () => randn([2, 3, 3]), run: unary },
  { name: 'Conv2d with stride, padding and groups', make: () => new Conv2d(4, 6, 3, { stride: 2, padding: 1, groups: 2 }), input: () => randn([2, 4, 5, 5]), run: unary },
  { name: 'MaxPool2d', make: () => new MaxPool2d(2), input: () => randn([2, 2, 4, 4]), run: unary },
  { name: 'AvgPool2d', make: () => new AvgPool2d(2, { stride: 1 }), input: () => randn([1, 2, 4, 4]), run: unary },
  { name: 'Flatten', make: () => new Flatten(), input: () => randn([2, 3, 2]), run: unary },
  {
    name: 'smooth activations in a Sequential',
    make: () => new Sequential(new Linear(4, 4), new Tanh(), new Sigmoid(), new GELU(), new ELU(), new Softplus(), new LeakyReLU(0.1), new Softmax()),
    input: () => randn([3, 4]),
    run: unary,
  },
  { name: 'ReLU after a Linear', make: () => new Sequential(new Linear(4, 6), new ReLU()), input: () => randn([3, 4]), run: unary },
  { name: 'LogSoftmax', make: () => new LogSoftmax(1), input: () => randn([3, 5]), run: unary },
  { name: 'BatchNorm1d (training)', make: () => new BatchNorm1d(3), input: () => randn([6, 3]), run: unary },
  { name: 'BatchNorm2d (training)', make: () => new BatchNorm2d(2), input: () => randn([3, 2, 3, 3]), run: unary },
  { name: 'LayerNorm', make: () => new LayerNorm([3, 4]), input: () => randn([2, 3, 4]), run: unary },
  {
    name: 'Embedding with a padding index',
    make: () => new Embedding(6, 3, { paddingIdx: 0 }),
    input: () => tensor(Int32Array.of(1, 0, 5, 1, 2, 3), { shape: [2, 3] }),
    run: unary,
    integerInput: true,
  },
  {
    name: 'RNN (2 layers, batchFirst)',
    make: () => new RNN(3, 4, { numLayers: 2, batchFirst: true }),
    input: () => randn([2, 5, 3]),
    run: (m, x) => Object.values((m as RNN).forward(x)),
  },
  { name: 'LSTM (2 layers)', make: () => new LSTM(3, 4, { numLayers: 2 }), input: () => randn([4, 2, 3]), run: (m, x) => Object.values((m as LSTM).forward(x)) },
  { name: 'GRU (reset after)', make: () => new GRU(3, 4), input: () => randn([4, 2, 3]), run: (m, x) => Object.values((m as GRU).forward(x)) },
  {
    name: 'GRU (reset before, 2 layers)',
    make: () => new GRU(3, 4, { resetAfter: false, numLayers: 2, batchFirst: true }),
    input: () => randn([2, 4, 3]),
    run: (m, x) => Object.values((m as GRU).forward(x)),
  },
  {
    name: 'MultiHeadAttention with a causal and a padding mask',
    make: () => new MultiHeadAttention(8, 2, { batchFirst: true }),
    input: () => randn([2, 5, 8]),
    run: (m, x) => {
      const padding = tensor([[false, false, false, false, true], [false, false, false, true, true]]);
      const { output, weights } = (m as MultiHeadAttention).forward(x, x, x, { isCausal: true, keyPaddingMask: padding });
      return [output, weights];
    },
  },
  { name: 'PositionalEncoding', make: () => new PositionalEncoding(6, { dropout: 0, maxLen: 10 }), input: () => randn([4, 2, 6]), run: unary },
  {
    name: 'TransformerEncoderLayer (pre-norm, GELU, causal)',
    make: () => new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0, activation: 'gelu', normFirst: true, batchFirst: true }),
    input: () => randn([2, 4, 8]),
    run: (m, x) => [(m as TransformerEncoderLayer).forward(x, { isCausal: true })],
  },
  {
    name: 'TransformerEncoderLayer (post-norm)',
    make: () => new TransformerEncoderLayer(8, 4, { dimFeedforward: 12, dropout: 0 }),
    input: () => randn([3, 2, 8]),
    run: (m, x) => [(m as TransformerEncoderLayer).forward(x)],
  },
];

describe('every layer’s gradients match finite differences', () => {
  cases.forEach((c, index) =>
    it(`${c.name}: parameters${c.integerInput ? '' : ' and input'}`, async () => {
      manualSeed(index);
      const module = c.make();
      const input = c.input();
      const project = randomProjection(101);
      const comparisons = module.parameters().length ? await checkParameterGradients(module, () => project(...c.run(module, input)), { eps }) : [];
      if (!c.integerInput) comparisons.push(await checkInputGradient((x) => project(...c.run(module, x)), input, { eps }));
      expect(comparisons.length).toBeGreaterThan(0);
      for (const comparison of comparisons) {
        // Softmax ignores a shift shared by every key, so the key bias has no gradient at all.
        if (comparison.name.endsWith('kProj.bias')) expect(Math.abs(comparison.numeric)).toBeLessThan(1e-3);
        else expect(Math.abs(comparison.analytic), comparison.name).toBeGreaterThan(1e-4);
        expect(agrees(comparison), `${comparison.name}: analytic ${comparison.analytic}, numeric ${comparison.numeric}`).toBe(true);
      }
    }),
  );
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../document/model-document.js';
import { nodeTypes } from '../node-types/registry.js';
import { onnxEmitters } from './export/emitters.js';
import { checkNodeAgainstOnnx, useCpu } from './testing/check-node.js';

type Inputs = Record<string, { dtype: 'float32' | 'int32'; shape: number[] }>;
const float = (...shape: number[]) => ({ in: { dtype: 'float32' as const, shape } });

/** One case per node type (several for types whose export has branches): params and per-example input shapes. */
const cases: [string, string, Record<string, ParamValue>, Inputs, { maxId?: number }?][] = [
  ['Linear on a matrix (Gemm)', 'Linear', { inFeatures: 5, outFeatures: 4 }, float(5)],
  ['Linear on a sequence (MatMul + Add)', 'Linear', { inFeatures: 5, outFeatures: 4 }, float(3, 5)],
  ['Linear without bias', 'Linear', { inFeatures: 5, outFeatures: 2, bias: false }, float(5)],
  ['Conv2d with stride, padding and groups', 'Conv2d', { inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, padding: 1, groups: 2 }, float(4, 9, 9)],
  ['Conv2d with dilation, no bias', 'Conv2d', { inChannels: 2, outChannels: 3, kernelSize: 2, dilation: 2, bias: false }, float(2, 7, 7)],
  ['MaxPool2d', 'MaxPool2d', { kernelSize: 2 }, float(3, 6, 6)],
  ['MaxPool2d with stride and padding', 'MaxPool2d', { kernelSize: 3, stride: 2, padding: 1 }, float(2, 7, 7)],
  ['AvgPool2d with padding', 'AvgPool2d', { kernelSize: 3, stride: 2, padding: 1 }, float(2, 7, 7)],
  ['Flatten', 'Flatten', {}, float(2, 3, 4)],
  ['Flatten of middle axes', 'Flatten', { startDim: 1, endDim: 2 }, float(2, 3, 4)],
  ['Dropout (identity at inference)', 'Dropout', { p: 0.5 }, float(6)],
  ['BatchNorm1d', 'BatchNorm1d', { numFeatures: 4 }, float(4)],
  ['BatchNorm1d on [N, C, L]', 'BatchNorm1d', { numFeatures: 3, affine: false }, float(3, 5)],
  ['BatchNorm2d', 'BatchNorm2d', { numFeatures: 3 }, float(3, 4, 4)],
  ['LayerNorm', 'LayerNorm', { normalizedShape: 6 }, float(4, 6)],
  ['LayerNorm without affine', 'LayerNorm', { normalizedShape: 6, elementwiseAffine: false }, float(6)],
  ['Embedding', 'Embedding', { numEmbeddings: 7, embeddingDim: 4 }, { in: { dtype: 'int32', shape: [5] } }, { maxId: 7 }],
  ['Embedding with a padding index', 'Embedding', { numEmbeddings: 5, embeddingDim: 3, paddingIdx: 0 }, { in: { dtype: 'int32', shape: [6] } }, { maxId: 5 }],
  ['RNN (tanh, 2 layers)', 'RNN', { inputSize: 3, hiddenSize: 4, numLayers: 2 }, float(5, 3)],
  ['RNN (relu, time-major)', 'RNN', { inputSize: 3, hiddenSize: 4, nonlinearity: 'relu', batchFirst: false }, float(3, 3)],
  ['LSTM (2 layers)', 'LSTM', { inputSize: 3, hiddenSize: 5, numLayers: 2 }, float(4, 3)],
  ['LSTM without bias', 'LSTM', { inputSize: 2, hiddenSize: 3, bias: false }, float(4, 2)],
  ['GRU', 'GRU', { inputSize: 3, hiddenSize: 4, numLayers: 2 }, float(5, 3)],
  ['MultiHeadAttention (self)', 'MultiHeadAttention', { embedDim: 8, numHeads: 2 }, { query: { dtype: 'float32', shape: [5, 8] } }],
  [
    'MultiHeadAttention (cross, causal)',
    'MultiHeadAttention',
    { embedDim: 6, numHeads: 3, isCausal: true },
    { query: { dtype: 'float32', shape: [4, 6] }, key: { dtype: 'float32', shape: [5, 6] }, value: { dtype: 'float32', shape: [5, 6] } },
  ],
  ['MultiHeadAttention (time-major)', 'MultiHeadAttention', { embedDim: 4, numHeads: 2, batchFirst: false }, { query: { dtype: 'float32', shape: [3, 4] } }],
  ['PositionalEncoding', 'PositionalEncoding', { dModel: 6, maxLen: 16 }, float(5, 6)],
  ['TransformerEncoderLayer (post-norm, relu)', 'TransformerEncoderLayer', { dModel: 8, nhead: 2, dimFeedforward: 16 }, float(5, 8)],
  ['TransformerEncoderLayer (pre-norm, gelu, causal)', 'TransformerEncoderLayer', { dModel: 8, nhead: 4, dimFeedforward: 12, activation: 'gelu', normFirst: true, isCausal: true }, float(4, 8)],
  ['ReLU', 'ReLU', {}, float(7)],
  ['Sigmoid', 'Sigmoid', {}, float(7)],
  ['Tanh', 'Tanh', {}, float(7)],
  ['GELU', 'GELU', {}, float(7)],
  ['LeakyReLU', 'LeakyReLU', { negativeSlope: 0.2 }, float(7)],
  ['ELU', 'ELU', { alpha: 0.7 }, float(7)],
  ['Softplus', 'Softplus', {}, float(7)],
  ['Softmax', 'Softmax', { dim: 1 }, float(4, 3)],
  ['LogSoftmax', 'LogSoftmax', {}, float(6)],
  ['add', 'add', {}, { a: { dtype: 'float32', shape: [3, 4] }, b: { dtype: 'float32', shape: [3, 4] } }],
  ['concat', 'concat', { axis: 1 }, { a: { dtype: 'float32', shape: [2, 3] }, b: { dtype: 'float32', shape: [4, 3] }, c: { dtype: 'float32', shape: [1, 3] } }],
  ['reshape', 'reshape', { shape: [3, -1] }, float(2, 6)],
  ['matmul', 'matmul', {}, { a: { dtype: 'float32', shape: [3, 4] }, b: { dtype: 'float32', shape: [4, 2] } }],
];

describe('exportOnnx, node by node, against onnxruntime', { timeout: 30_000 }, () => {
  beforeAll(useCpu);

  it('has an ONNX form for every node type that computes', () => {
    const computing = nodeTypes.list().filter((t) => !['data', 'input', 'output', 'loss', 'optimizer'].includes(t.category));
    expect(computing.map((t) => t.type).filter((type) => !onnxEmitters[type])).toEqual([]);
    expect(computing.map((t) => t.type).filter((type) => !cases.some(([, t]) => t === type))).toEqual([]);
  });

  for (const [title, type, params, inputs, options] of cases)
    it(`exports ${title} with outputs equal to Loom's, also after import and re-export`, async () => {
      const { exported, roundTrip } = await checkNodeAgainstOnnx(type, params, inputs, options);
      for (const diff of [...Object.values(exported), ...Object.values(roundTrip)]) expect(diff).toBeLessThan(1e-4);
    });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '../document/model-document.js';
import { importOnnx } from './import-onnx.js';
import { GraphBuilder } from './graph-builder.js';
import { encodeOnnxModel, OnnxDataType } from './onnx-proto.js';
import { exportOnnx } from './export-onnx.js';
import { checkNodeAgainstOnnx, seededRandom, useCpu, withoutLoomRecords } from './testing/check-node.js';
import { maxAbsDiff, runOnnx } from './testing/run-onnx.js';

type Inputs = Record<string, { dtype: 'float32' | 'int32'; shape: number[] }>;
const float = (...shape: number[]) => ({ in: { dtype: 'float32' as const, shape } });

/** Node types whose ONNX form is plain ops a model from another tool would also use. */
const foreignCases: [string, string, Record<string, ParamValue>, Inputs, { maxId?: number }?][] = [
  ['Gemm', 'Linear', { inFeatures: 5, outFeatures: 4 }, float(5)],
  ['MatMul + Add', 'Linear', { inFeatures: 5, outFeatures: 4 }, float(3, 5)],
  ['Conv', 'Conv2d', { inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, padding: 1, groups: 2 }, float(4, 9, 9)],
  ['MaxPool', 'MaxPool2d', { kernelSize: 3, stride: 2, padding: 1 }, float(2, 7, 7)],
  ['AveragePool', 'AvgPool2d', { kernelSize: 2 }, float(2, 6, 6)],
  ['Flatten', 'Flatten', {}, float(2, 3, 4)],
  ['BatchNormalization (2-D)', 'BatchNorm1d', { numFeatures: 4 }, float(4)],
  ['BatchNormalization (images)', 'BatchNorm2d', { numFeatures: 3 }, float(3, 4, 4)],
  ['LayerNormalization', 'LayerNorm', { normalizedShape: 6 }, float(4, 6)],
  ['Gather', 'Embedding', { numEmbeddings: 5, embeddingDim: 3, paddingIdx: 1 }, { in: { dtype: 'int32', shape: [6] } }, { maxId: 5 }],
  ['RNN + Squeeze', 'RNN', { inputSize: 3, hiddenSize: 4, batchFirst: false, nonlinearity: 'relu' }, float(5, 3)],
  ['LSTM + Squeeze', 'LSTM', { inputSize: 3, hiddenSize: 5, batchFirst: false }, float(4, 3)],
  ['GRU + Squeeze', 'GRU', { inputSize: 3, hiddenSize: 4, batchFirst: false }, float(5, 3)],
  ['Transpose + LSTM + Squeeze + Transpose (batch first)', 'LSTM', { inputSize: 3, hiddenSize: 5, batchFirst: true }, float(4, 3)],
  ['Transpose + GRU + Squeeze + Transpose (batch first)', 'GRU', { inputSize: 2, hiddenSize: 3 }, float(6, 2)],
  ['Dropout', 'Dropout', {}, float(5)],
  ['Relu', 'ReLU', {}, float(5)],
  ['Sigmoid', 'Sigmoid', {}, float(5)],
  ['Tanh', 'Tanh', {}, float(5)],
  ['LeakyRelu', 'LeakyReLU', { negativeSlope: 0.3 }, float(5)],
  ['Elu', 'ELU', { alpha: 0.5 }, float(5)],
  ['Softplus', 'Softplus', {}, float(5)],
  ['Softmax', 'Softmax', {}, float(5)],
  ['LogSoftmax', 'LogSoftmax', { dim: 1 }, float(3, 2)],
  ['Add', 'add', {}, { a: { dtype: 'float32', shape: [4] }, b: { dtype: 'float32', shape: [4] } }],
  ['Concat', 'concat', { axis: -1 }, { a: { dtype: 'float32', shape: [2] }, b: { dtype: 'float32', shape: [3] } }],
  ['Reshape', 'reshape', { shape: [2, 3] }, float(6)],
  ['MatMul of two tensors', 'matmul', {}, { a: { dtype: 'float32', shape: [3, 4] }, b: { dtype: 'float32', shape: [4, 2] } }],
];

describe('importOnnx', { timeout: 30_000 }, () => {
  beforeAll(useCpu);

  for (const [op, type, params, inputs, options] of foreignCases)
    it(`reads ${op} from a model without Loom's records as ${type}, keeping the outputs`, async () => {
      const { roundTrip } = await checkNodeAgainstOnnx(type, params, inputs, { ...options, foreign: true });
      for (const diff of Object.values(roundTrip)) expect(diff).toBeLessThan(1e-4);
    });

  it('reads a model written the way other exporters write a CNN head (Shape → Gather → Concat → Reshape, Gemm)', async () => {
    // x [N, 2, 3, 3] → Conv → Relu → MaxPool → view(x.size(0), -1) → Gemm(transB) → Softmax, as PyTorch's exporter spells it.
    const g = new GraphBuilder();
    g.input('x', OnnxDataType.float, ['N', 2, 3, 3]);
    const random = seededRandom(3);
    const values = (n: number) => Array.from({ length: n }, () => random() * 2 - 1);
    const conv = g.op('Conv', ['x', g.floats('w', values(4 * 2 * 2 * 2), [4, 2, 2, 2]), g.floats('b', values(4), [4])], { kernel_shape: [2, 2], pads: [1, 1, 1, 1] });
    const pooled = g.op('MaxPool', [g.op('Relu', [conv])], { kernel_shape: [2, 2], strides: [2, 2] });
    const batch = g.op('Unsqueeze', [g.op('Gather', [g.op('Shape', [pooled]), g.int64s([0], 'index', [])], { axis: 0 }), g.int64s([0])]);
    const flat = g.op('Reshape', [pooled, g.op('Concat', [batch, g.int64s([-1])], { axis: 0 })]);
    const logits = g.op('Gemm', [flat, g.floats('fc', values(3 * 16), [3, 16]), g.floats('fcb', values(3), [3])], { transB: 1 });
    g.output('probs', g.op('Softmax', [logits], { axis: 1 }), OnnxDataType.float, ['N', 3]);
    const original = encodeOnnxModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph: g.graph('torch-style') });

    const { document, stateDict } = importOnnx(original);
    expect(document.nodes.map((n) => n.type)).toEqual(['input', 'Conv2d', 'ReLU', 'MaxPool2d', 'reshape', 'Linear', 'Softmax', 'output']);
    const x = { data: Float32Array.from(values(2 * 2 * 3 * 3)), shape: [2, 2, 3, 3] };
    const expected = (await runOnnx(original, { x })).probs.data;
    const again = (await runOnnx(await exportOnnx(document, stateDict), { x })).probs.data;
    expect(maxAbsDiff(expected, again)).toBeLessThan(1e-5);
  });

  it('names the node and the op it cannot read', () => {
    const g = new GraphBuilder();
    g.input('x', OnnxDataType.float, ['N', 4]);
    g.scope = 'mystery';
    const y = g.op('Hardmax', ['x'], { axis: 1 });
    g.output('y', y, OnnxDataType.float, ['N', 4]);
    const bytes = encodeOnnxModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph: g.graph('g') });
    expect(() => importOnnx(bytes)).toThrow(/node "mystery\/Hardmax_node" \(Hardmax\): op Hardmax is not supported/);
  });

  it('refuses an attention block spelled as plain ops, naming the first op it cannot read', async () => {
    const { onnx } = await checkNodeAgainstOnnx('MultiHeadAttention', { embedDim: 4, numHeads: 2 }, { query: { dtype: 'float32', shape: [3, 4] } });
    expect(() => importOnnx(withoutLoomRecords(onnx))).toThrow(/node "layer\/(Reshape|Transpose)_node(_\d+)?" \((Reshape|Transpose)\)/);
  });

  it('keeps the ids, types and params of the nodes of a model Loom exported', async () => {
    const params = { dModel: 8, nhead: 2, dimFeedforward: 16, activation: 'gelu', normFirst: true };
    const { onnx } = await checkNodeAgainstOnnx('TransformerEncoderLayer', params, float(5, 8));
    const { document, stateDict } = importOnnx(onnx);
    expect(document.nodes.find((n) => n.id === 'layer')).toMatchObject({ type: 'TransformerEncoderLayer', params });
    expect(stateDict['layer.selfAttn.qProj.weight'].shape).toEqual([8, 8]);
    expect(stateDict['layer.linear1.weight'].shape).toEqual([16, 8]);
  });

  it('says when the bytes are not an ONNX model or the opset is too old', () => {
    expect(() => importOnnx(new Uint8Array([1, 2, 3]))).toThrow(/importOnnx/);
    const g = new GraphBuilder();
    g.input('x', OnnxDataType.float, ['N', 2]);
    g.output('y', g.op('Relu', ['x']), OnnxDataType.float, ['N', 2]);
    const old = encodeOnnxModel({ irVersion: 6, opsetImport: [{ domain: '', version: 11 }], graph: g.graph('g') });
    expect(() => importOnnx(old)).toThrow(/opset 11/);
  });
});

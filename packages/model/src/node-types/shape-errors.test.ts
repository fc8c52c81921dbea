import { describe, expect, it } from 'vitest';
import { ModelAnalysis } from '../analysis/model-analysis.js';
import { modelBuilder } from '../builder/model-builder.js';
import type { PortRef } from '../document/model-document.js';
import type { NodeTypeName, ParamsFor } from './registry.js';

/** The errors of one node of `type` fed by inputs of the given per-example shapes. */
function errorsOf<T extends NodeTypeName>(type: T, params: Partial<ParamsFor<T>>, inputs: Record<string, number[] | { shape: number[]; dtype: 'int32' }>) {
  const b = modelBuilder('case');
  const refs: Record<string, PortRef> = {};
  for (const [port, spec] of Object.entries(inputs)) {
    const { shape, dtype } = Array.isArray(spec) ? { shape: spec, dtype: 'float32' as const } : spec;
    refs[port] = b.node('input', { shape, dtype }, {}, { id: `in_${port}` }).out();
  }
  b.node(type, params, refs, { id: 'subject' });
  return new ModelAnalysis(b.build()).diagnostics().filter((d) => d.severity === 'error').map(({ code, nodeId, port, field }) => ({ code, nodeId, port, field }));
}

const at = (code: string, where: { port?: string; field?: string }) => [{ code, nodeId: 'subject', port: where.port, field: where.field }];

describe('shape rules report the port or param at fault', () => {
  it('Conv2d: channels that differ from inChannels', () => {
    expect(errorsOf('Conv2d', { inChannels: 3, outChannels: 8, kernelSize: 3 }, { in: [1, 28, 28] })).toEqual(at('shape-mismatch', { port: 'in' }));
  });

  it('Conv2d: a kernel larger than the padded image', () => {
    expect(errorsOf('Conv2d', { inChannels: 1, outChannels: 8, kernelSize: 7 }, { in: [1, 5, 5] })).toEqual(at('shape-mismatch', { port: 'in' }));
  });

  it('Conv2d: groups that do not divide the channels', () => {
    expect(errorsOf('Conv2d', { inChannels: 4, outChannels: 6, groups: 4 }, { in: [4, 8, 8] })).toEqual(at('invalid-param', { field: 'groups' }));
  });

  it('MaxPool2d: an image of the wrong rank', () => {
    expect(errorsOf('MaxPool2d', {}, { in: [28, 28] })).toEqual(at('rank-mismatch', { port: 'in' }));
  });

  it('Embedding: float ids, and a padding index outside the table', () => {
    expect(errorsOf('Embedding', { numEmbeddings: 5, embeddingDim: 2 }, { in: [4] })).toEqual(at('dtype-mismatch', { port: 'in' }));
    expect(errorsOf('Embedding', { numEmbeddings: 5, embeddingDim: 2, paddingIdx: 5 }, { in: { shape: [4], dtype: 'int32' } })).toEqual(at('invalid-param', { field: 'paddingIdx' }));
  });

  it('LSTM: features that differ from inputSize', () => {
    expect(errorsOf('LSTM', { inputSize: 4, hiddenSize: 8 }, { in: [10, 5] })).toEqual(at('shape-mismatch', { port: 'in' }));
  });

  it('MultiHeadAttention: heads that do not divide the width, and keys and values of different lengths', () => {
    expect(errorsOf('MultiHeadAttention', { embedDim: 6, numHeads: 4 }, { query: [3, 6] })).toEqual(at('invalid-param', { field: 'numHeads' }));
    expect(errorsOf('MultiHeadAttention', { embedDim: 4, numHeads: 2 }, { query: [3, 4], key: [5, 4], value: [6, 4] })).toEqual(at('shape-mismatch', { port: 'value' }));
  });

  it('PositionalEncoding: a sequence longer than maxLen', () => {
    expect(errorsOf('PositionalEncoding', { dModel: 4, maxLen: 8 }, { in: [9, 4] })).toEqual(at('shape-mismatch', { port: 'in' }));
  });

  it('TransformerEncoderLayer: heads that do not divide dModel', () => {
    expect(errorsOf('TransformerEncoderLayer', { dModel: 10, nhead: 4 }, { in: [3, 10] })).toEqual(at('invalid-param', { field: 'nhead' }));
  });

  it('Flatten and Softmax: axes outside the input', () => {
    expect(errorsOf('Flatten', { startDim: 3 }, { in: [4, 4] })).toEqual(at('invalid-param', { field: 'startDim' }));
    expect(errorsOf('Softmax', { dim: 2 }, { in: [4] })).toEqual(at('invalid-param', { field: 'dim' }));
  });

  it('add: shapes that do not broadcast, and mixed dtypes', () => {
    expect(errorsOf('add', {}, { a: [3, 4], b: [5, 4] })).toEqual(at('shape-mismatch', { port: 'b' }));
    expect(errorsOf('add', {}, { a: [4], b: { shape: [4], dtype: 'int32' } })).toEqual(at('dtype-mismatch', { port: 'b' }));
  });

  it('concat: other axes that differ, and an axis outside the rank', () => {
    expect(errorsOf('concat', { axis: 1 }, { a: [2, 3], b: [2, 4] })).toEqual(at('shape-mismatch', { port: 'b' }));
    expect(errorsOf('concat', { axis: 3 }, { a: [2], b: [2] })).toEqual(at('invalid-param', { field: 'axis' }));
  });

  it('reshape: an element count that does not fit, and two free axes', () => {
    expect(errorsOf('reshape', { shape: [5, -1] }, { in: [12] })).toEqual(at('shape-mismatch', { port: 'in' }));
    expect(errorsOf('reshape', { shape: [-1, -1] }, { in: [12] })).toEqual(at('invalid-param', { field: 'shape' }));
  });

  it('matmul: inner dimensions that differ', () => {
    expect(errorsOf('matmul', {}, { a: [3, 4], b: [5, 2] })).toEqual(at('shape-mismatch', { port: 'b' }));
  });

  it('loss: labels that do not match the prediction', () => {
    expect(errorsOf('loss', { kind: 'crossEntropy' }, { prediction: [10], target: { shape: [3], dtype: 'int32' } })).toEqual(at('shape-mismatch', { port: 'target' }));
    expect(errorsOf('loss', { kind: 'binaryCrossEntropyWithLogits' }, { prediction: [1], target: [2] })).toEqual(at('shape-mismatch', { port: 'target' }));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { fromArray, randn, type Tensor } from '@loom/graph';
import { loadMnist } from '@loom/data/node';
import { ModelAnalysis } from '../analysis/model-analysis.js';
import { concreteShape, type TensorType } from '../analysis/tensor-type.js';
import { modelBuilder } from '../builder/model-builder.js';
import { buildSteps } from '../compile/compile-model.js';
import { GraphModule } from '../compile/graph-module.js';
import { datasetNames } from '../datasets/dataset-catalog.js';
import { resolveDataset } from '../datasets/resolve-dataset.js';
import type { PortRef } from '../document/model-document.js';
import { useCpu } from '../testing/use-cpu.js';
import { nodeTypeDefinitions, type NodeTypeName, type ParamsFor } from './registry.js';

beforeAll(useCpu);

const batch = 2;

/** An example of one node type: per-example input types by port, and params. */
interface Example<T extends NodeTypeName> {
  inputs: Record<string, { shape: number[]; dtype?: 'float32' | 'int32' }>;
  params: Partial<ParamsFor<T>>;
}

const sequence = { in: { shape: [6, 4] } };
const features = { in: { shape: [3, 4] } };

/**
 * One example per node type that computes tensors — a Record over every node type name, so a new
 * type fails to compile here until it has an example. Sources and sinks (dataset, input, output,
 * optimizer) are checked by the tests below.
 */
const examples: { [T in NodeTypeName]: Example<T> | 'source' | 'sink' } = {
  dataset: 'source',
  input: 'source',
  output: 'sink',
  optimizer: 'sink',
  Linear: { inputs: { in: { shape: [4, 5] } }, params: { inFeatures: 5, outFeatures: 3 } },
  Conv2d: { inputs: { in: { shape: [2, 9, 9] } }, params: { inChannels: 2, outChannels: 4, kernelSize: 3, stride: 2, padding: 1, dilation: 2 } },
  MaxPool2d: { inputs: { in: { shape: [3, 8, 7] } }, params: { kernelSize: 3, stride: null, padding: 1 } },
  AvgPool2d: { inputs: { in: { shape: [3, 8, 7] } }, params: { kernelSize: 2, stride: 1 } },
  Flatten: { inputs: { in: { shape: [2, 3, 4] } }, params: { startDim: 1, endDim: 2 } },
  Dropout: { inputs: features, params: { p: 0.3 } },
  BatchNorm1d: { inputs: { in: { shape: [3, 5] } }, params: { numFeatures: 3 } },
  BatchNorm2d: { inputs: { in: { shape: [3, 4, 4] } }, params: { numFeatures: 3 } },
  LayerNorm: { inputs: features, params: { normalizedShape: 4 } },
  Embedding: { inputs: { in: { shape: [7], dtype: 'int32' } }, params: { numEmbeddings: 10, embeddingDim: 4, paddingIdx: 0 } },
  RNN: { inputs: sequence, params: { inputSize: 4, hiddenSize: 5, numLayers: 2 } },
  LSTM: { inputs: sequence, params: { inputSize: 4, hiddenSize: 5, numLayers: 2 } },
  GRU: { inputs: sequence, params: { inputSize: 4, hiddenSize: 3, batchFirst: false } },
  MultiHeadAttention: {
    inputs: { query: { shape: [6, 8] }, key: { shape: [5, 8] }, value: { shape: [5, 8] } },
    params: { embedDim: 8, numHeads: 2 },
  },
  PositionalEncoding: { inputs: { in: { shape: [6, 8] } }, params: { dModel: 8, maxLen: 16 } },
  TransformerEncoderLayer: { inputs: { in: { shape: [6, 8] } }, params: { dModel: 8, nhead: 2, dimFeedforward: 16, isCausal: true } },
  ReLU: { inputs: features, params: {} },
  Sigmoid: { inputs: features, params: {} },
  Tanh: { inputs: features, params: {} },
  GELU: { inputs: features, params: {} },
  LeakyReLU: { inputs: features, params: { negativeSlope: 0.2 } },
  ELU: { inputs: features, params: {} },
  Softplus: { inputs: features, params: {} },
  Softmax: { inputs: features, params: { dim: 1 } },
  LogSoftmax: { inputs: features, params: {} },
  add: { inputs: { a: { shape: [3, 4] }, b: { shape: [1, 4] } }, params: {} },
  concat: { inputs: { a: { shape: [2, 3] }, b: { shape: [5, 3] }, c: { shape: [1, 3] } }, params: { axis: 1 } },
  reshape: { inputs: { in: { shape: [12] } }, params: { shape: [3, -1] } },
  matmul: { inputs: { a: { shape: [3, 4] }, b: { shape: [4, 5] } }, params: {} },
  loss: { inputs: { prediction: { shape: [5, 10] }, target: { shape: [5], dtype: 'int32' } }, params: { kind: 'crossEntropy' } },
};

function exampleTensor(type: TensorType, seed: number): Tensor {
  const shape = concreteShape(type.shape, { N: batch }).map(Number);
  if (type.dtype === 'float32') return randn(shape, { seed });
  const size = shape.reduce((n, d) => n * d, 1);
  return fromArray(Int32Array.from({ length: size }, (_, i) => (i * 3 + seed) % 5), shape);
}

const computing = nodeTypeDefinitions.filter((d) => typeof examples[d.type] === 'object');

describe('shape inference agrees with the built modules', () => {
  it.each(computing.map((d) => [d.type] as const))('%s', async (type) => {
    const example = examples[type] as Example<NodeTypeName>;
    const b = modelBuilder(`${type} example`);
    const inputs: Record<string, PortRef> = {};
    for (const [port, { shape, dtype = 'float32' }] of Object.entries(example.inputs)) inputs[port] = b.node('input', { shape, dtype }, {}, { id: `in_${port}` }).out();
    b.node(type, example.params, inputs, { id: 'subject' });
    const doc = b.build();
    const analysis = new ModelAnalysis(doc);
    expect(analysis.diagnostics().filter((d) => d.severity === 'error')).toEqual([]);
    const inferred = analysis.shapesOf('subject')!;
    const outputs = nodeTypeDefinitions.find((d) => d.type === type)!.outputs.map((p) => p.name);
    expect(Object.keys(inferred).sort()).toEqual([...outputs].sort());

    const sources = Object.values(inputs);
    const module = new GraphModule(buildSteps({ document: doc, analysis }, [doc.nodes.find((n) => n.id === 'subject')!]), sources, { node: 'subject', port: outputs[0] });
    const feeds = sources.map((ref, i) => exampleTensor(analysis.typeOf(ref)!, i + 1));
    const actual = module.forwardAll(...feeds).get('subject')!;
    for (const port of outputs) {
      expect({ port, shape: actual[port].shape, dtype: actual[port].dtype }).toEqual({ port, shape: concreteShape(inferred[port].shape, { N: batch }), dtype: inferred[port].dtype });
      expect((await actual[port].data()).every(Number.isFinite)).toBe(true);
    }
  });

  it.each(datasetNames.filter((n) => n !== 'mnist').map((n) => [n] as const))('dataset %s yields the types its node declares', async (name) => {
    const b = modelBuilder('data');
    b.node('dataset', { name, samples: 40, sequenceLength: 12, features: 3, classes: 4 }, {}, { id: 'data' });
    const document = b.build();
    const { train } = await resolveDataset(document);
    const types = new ModelAnalysis(document).shapesOf('data')!;
    expect(types.inputs).toEqual({ dtype: train.inputs instanceof Int32Array ? 'int32' : 'float32', shape: ['N', ...train.inputShape] });
    expect(types.targets).toEqual({ dtype: train.targets instanceof Int32Array ? 'int32' : 'float32', shape: ['N', ...train.targetShape] });
    if (train.classes) expect(Math.max(...train.targets)).toBeLessThan(train.classes.length);
  });

  it('dataset mnist yields the types its node declares', async () => {
    const b = modelBuilder('data');
    b.node('dataset', { name: 'mnist', trainSize: 10, testSize: 5 }, {}, { id: 'data' });
    const document = b.build();
    const { train, test } = await resolveDataset(document, { mnist: loadMnist });
    expect([train.size, test?.size]).toEqual([10, 5]);
    const types = new ModelAnalysis(document).shapesOf('data')!;
    expect(types.inputs).toEqual({ dtype: 'float32', shape: ['N', ...train.inputShape] });
    expect(types.targets).toEqual({ dtype: 'int32', shape: ['N', ...train.targetShape] });
  });

  it('an input node declares [N, ...shape] of its dtype', () => {
    const b = modelBuilder('input');
    b.node('input', { shape: [3, 5], dtype: 'int32' }, {}, { id: 'x' });
    expect(new ModelAnalysis(b.build()).shapesOf('x')).toEqual({ out: { dtype: 'int32', shape: ['N', 3, 5] } });
  });
});

import { describe, expect, it } from 'vitest';
import type { DocNode } from '../document/model-document.js';
import { resolveParams } from '../analysis/resolve-params.js';
import { defaultParams, nodeTypes, NodeTypeRegistry, nodeTypeDefinitions } from './registry.js';

describe('nodeTypes', () => {
  it('has the node types the contract names', () => {
    const contract = ['Linear', 'Conv2d', 'MaxPool2d', 'AvgPool2d', 'Flatten', 'Dropout', 'BatchNorm1d', 'BatchNorm2d', 'LayerNorm', 'Embedding', 'RNN', 'LSTM', 'GRU', 'MultiHeadAttention', 'PositionalEncoding', 'TransformerEncoderLayer', 'ReLU', 'Sigmoid', 'Tanh', 'GELU', 'LeakyReLU', 'Softmax', 'dataset', 'input', 'output', 'add', 'concat', 'reshape', 'matmul', 'loss', 'optimizer'];
    for (const type of contract) expect(nodeTypes.get(type)?.type, type).toBe(type);
  });

  it.each(nodeTypeDefinitions.map((d) => [d.type, d] as const))('%s: defaults satisfy its own specs and every param and port is documented', (type, definition) => {
    const node: DocNode = { id: 'n', type, params: defaultParams(type) };
    expect(resolveParams(definition, node).diagnostics).toEqual([]);
    for (const p of definition.params) expect(p.doc.length, `${type}.${p.name}`).toBeGreaterThan(0);
    const ports = [...definition.inputs, ...definition.outputs].map((p) => p.name);
    expect(new Set(ports).size).toBe(ports.length);
    expect(definition.description.length).toBeGreaterThan(0);
    if (['layer', 'activation', 'op', 'loss'].includes(definition.category)) expect(definition.build, type).toBeDefined();
    if (['layer', 'activation', 'op', 'loss', 'optimizer'].includes(definition.category)) expect(definition.code, type).toBeDefined();
  });

  it('hands out fresh default arrays', () => {
    const a = defaultParams('reshape');
    (a.shape as number[]).push(5);
    expect(defaultParams('reshape').shape).toEqual([-1]);
  });

  it('refuses two definitions of one type', () => {
    expect(() => new NodeTypeRegistry([nodeTypeDefinitions[2], nodeTypeDefinitions[2]])).toThrow(/defined twice/);
  });
});

import { describe, expect, it } from 'vitest';
import type { ModelDocument } from '../model.js';
import { structureKey, weightsKey } from './document-structure.js';

const doc: ModelDocument = {
  format: 'loom-model',
  version: 1,
  name: 'mlp',
  nodes: [
    { id: 'a', type: 'Linear', params: { outFeatures: 10, bias: true } },
    { id: 'b', type: 'ReLU', params: {} },
    { id: 'opt', type: 'optimizer', params: { kind: 'adam', lr: 0.001 } },
  ],
  edges: [{ id: 'e1', from: { node: 'a', port: 'out' }, to: { node: 'b', port: 'in' } }],
  layout: { positions: { a: { x: 0, y: 0 } } },
};

describe('structureKey', () => {
  it('ignores layout, name, node order and param order', () => {
    const moved: ModelDocument = {
      ...doc,
      name: 'renamed',
      nodes: [
        doc.nodes[2],
        doc.nodes[1],
        { ...doc.nodes[0], params: { bias: true, outFeatures: 10 } },
      ],
      layout: { positions: { a: { x: 50, y: 9 } } },
    };
    expect(structureKey(moved)).toBe(structureKey(doc));
  });

  it('changes when a param or an edge changes', () => {
    const wider = {
      ...doc,
      nodes: [{ ...doc.nodes[0], params: { outFeatures: 11, bias: true } }, doc.nodes[1]],
    };
    expect(structureKey(wider)).not.toBe(structureKey(doc));
    expect(structureKey({ ...doc, edges: [] })).not.toBe(structureKey(doc));
  });
});

describe('weightsKey', () => {
  const faster = {
    ...doc,
    nodes: [doc.nodes[0], doc.nodes[1], { ...doc.nodes[2], params: { kind: 'adam', lr: 0.01 } }],
  };

  it('ignores the optimizer’s params, which structureKey does not', () => {
    expect(weightsKey(faster)).toBe(weightsKey(doc));
    expect(structureKey(faster)).not.toBe(structureKey(doc));
  });

  it('changes with a layer’s params', () => {
    const wider = {
      ...doc,
      nodes: [
        { ...doc.nodes[0], params: { outFeatures: 11, bias: true } },
        doc.nodes[1],
        doc.nodes[2],
      ],
    };
    expect(weightsKey(wider)).not.toBe(weightsKey(doc));
  });
});

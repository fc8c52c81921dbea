import { describe, expect, it } from 'vitest';
import type { NodeType } from '../model.js';
import { addNode, emptyDocument } from '../store/document-ops.js';
import { compatibleEntries, createPaletteIndex, searchPalette } from './palette-search.js';

function type(
  name: string,
  category: NodeType['category'],
  inputs: string[],
  outputs: string[],
  description = '',
): NodeType {
  const port = (n: string) => ({ name: n, title: n, dtype: 'float32' as const });
  return {
    type: name,
    category,
    title: name,
    description,
    inputs: inputs.map(port),
    outputs: outputs.map(port),
    params: [],
  };
}

const types = [
  type('Linear', 'layer', ['in'], ['out'], 'fully connected layer'),
  type('Conv2d', 'layer', ['in'], ['out'], '2-d convolution'),
  type('ReLU', 'activation', ['in'], ['out']),
  type('dataset', 'data', [], ['inputs', 'targets']),
  type('loss', 'loss', ['prediction', 'target'], ['loss']),
];
const entries = types.map((nodeType) => ({ nodeType }));

describe('palette search', () => {
  it('lists everything in category order for an empty query', () => {
    const index = createPaletteIndex(entries);
    expect(searchPalette(index, entries, ' ').map((e) => e.nodeType.type)).toEqual([
      'dataset',
      'Conv2d',
      'Linear',
      'ReLU',
      'loss',
    ]);
  });

  it('finds a type from a misspelt query', () => {
    const index = createPaletteIndex(entries);
    expect(searchPalette(index, entries, 'lienar')[0]!.nodeType.type).toBe('Linear');
    expect(searchPalette(index, entries, 'conv')[0]!.nodeType.type).toBe('Conv2d');
  });

  it('keeps only types that canConnect accepts, with the accepting port', () => {
    const source = addNode(emptyDocument(), 'dataset', {}, { x: 0, y: 0 });
    // A fake rule: the dataset's targets only go into a loss' target port.
    const check = (_doc: unknown, from: { port: string }, to: { node: string; port: string }) => ({
      ok: from.port === 'targets' && to.port === 'target',
    });
    const found = compatibleEntries(
      source.document,
      types,
      { side: 'source', port: { node: source.nodeId, port: 'targets' } },
      check,
      () => ({}),
    );
    expect(found.map((e) => [e.nodeType.type, e.port])).toEqual([['loss', 'target']]);
  });

  it('offers output ports when the dangling edge started at an input', () => {
    const target = addNode(emptyDocument(), 'ReLU', {}, { x: 0, y: 0 });
    const check = () => ({ ok: true });
    const found = compatibleEntries(
      target.document,
      types,
      { side: 'target', port: { node: target.nodeId, port: 'in' } },
      check,
      () => ({}),
    );
    expect(found.map((e) => [e.nodeType.type, e.port])).toEqual([
      ['Linear', 'out'],
      ['Conv2d', 'out'],
      ['ReLU', 'out'],
      ['dataset', 'inputs'],
      ['loss', 'loss'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ModelDocument } from '../model.js';
import { downstreamOf, topologicalOrder } from './document-graph.js';

const edge = (from: string, to: string, port = 'in') => ({
  id: `${from}-${to}`,
  from: { node: from, port: 'out' },
  to: { node: to, port },
});
const doc = (edges: ModelDocument['edges']): Pick<ModelDocument, 'nodes' | 'edges'> => ({
  nodes: ['loss', 'b', 'a', 'data', 'c'].map((id) => ({ id, type: 'X', params: {} })),
  edges,
});

describe('topologicalOrder', () => {
  it('puts every node after the nodes feeding it', () => {
    const order = topologicalOrder(
      doc([
        edge('data', 'a'),
        edge('a', 'b'),
        edge('b', 'loss', 'prediction'),
        edge('data', 'loss', 'target'),
        edge('a', 'c'),
      ]),
    );
    const at = (id: string) => order.indexOf(id);
    expect(order).toHaveLength(5);
    expect(at('data')).toBeLessThan(at('a'));
    expect(at('a')).toBeLessThan(at('b'));
    expect(at('b')).toBeLessThan(at('loss'));
  });

  it('names a node on a cycle', () => {
    expect(() => topologicalOrder(doc([edge('a', 'b'), edge('b', 'a')]))).toThrow(
      /cycle through node "(a|b)"/,
    );
  });
});

describe('downstreamOf', () => {
  it('finds the edited nodes and everything they feed, and nothing upstream', () => {
    const d = doc([edge('data', 'a'), edge('a', 'b'), edge('b', 'loss'), edge('data', 'c')]);
    expect([...downstreamOf(d, ['a'])].sort()).toEqual(['a', 'b', 'loss']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  addNode,
  connect,
  emptyDocument,
  moveNodes,
  removeElements,
  setParams,
} from './document-ops.js';
import { diffDocuments } from './document-diff.js';

function twoNodes() {
  let doc = emptyDocument();
  const a = addNode(doc, 'input', { shape: [4] }, { x: 0, y: 0 });
  const b = addNode(a.document, 'Linear', { outFeatures: 2 }, { x: 1, y: 0 });
  doc = connect(
    b.document,
    { node: a.nodeId, port: 'out' },
    { node: b.nodeId, port: 'in' },
  ).document;
  return { doc, a: a.nodeId, b: b.nodeId };
}

describe('diffDocuments', () => {
  it('finds no edits between a document and a moved copy of it', () => {
    const { doc, a } = twoNodes();
    expect(diffDocuments(doc, moveNodes(doc, { [a]: { x: 9, y: 9 } }))).toEqual([]);
  });

  it('reports only the changed parameter', () => {
    const { doc, b } = twoNodes();
    expect(diffDocuments(doc, setParams(doc, b, { outFeatures: 3 }))).toEqual([
      { kind: 'setParams', nodeId: b, params: { outFeatures: 3 } },
    ]);
  });

  it('disconnects before removing and adds before connecting', () => {
    const { doc, b } = twoNodes();
    const removed = removeElements(doc, [b]);
    expect(diffDocuments(doc, removed).map((e) => e.kind)).toEqual(['disconnect', 'removeNode']);
    expect(diffDocuments(removed, doc).map((e) => e.kind)).toEqual(['addNode', 'connect']);
  });

  it('removes and re-adds a node whose type changed under the same id', () => {
    const { doc, b } = twoNodes();
    const retyped = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === b ? { ...n, type: 'ReLU', params: {} } : n)),
    };
    expect(diffDocuments(doc, retyped).map((e) => e.kind)).toEqual([
      'disconnect',
      'removeNode',
      'addNode',
      'connect',
    ]);
  });
});

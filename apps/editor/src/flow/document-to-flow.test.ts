import { describe, expect, it } from 'vitest';
import type { NodeType, TensorType } from '../model.js';
import { addNode, connect, emptyDocument } from '../store/document-ops.js';
import { toFlowEdges, toFlowNodes, toPortRefs, type AnalysisView } from './document-to-flow.js';

const linearType: NodeType = {
  type: 'Linear',
  category: 'layer',
  title: 'Linear',
  description: '',
  inputs: [{ name: 'in', title: 'in', dtype: 'float32' }],
  outputs: [{ name: 'out', title: 'out', dtype: 'float32' }],
  params: [],
};

function fixture() {
  const a = addNode(emptyDocument(), 'input', {}, { x: 10, y: 20 });
  const b = addNode(a.document, 'Linear', {}, { x: 200, y: 20 });
  const c = connect(b.document, { node: a.nodeId, port: 'out' }, { node: b.nodeId, port: 'in' });
  const shapes: Record<string, Record<string, TensorType>> = {
    [a.nodeId]: { out: { dtype: 'float32', shape: ['N', 784] } },
  };
  const view: AnalysisView = {
    nodeType: (t) => (t === 'Linear' ? linearType : undefined),
    shapesOf: (id) => shapes[id],
    diagnostics: [
      { severity: 'warning', code: 'w', message: 'a warning', nodeId: b.nodeId },
      { severity: 'error', code: 'missing-input', message: 'needs an input', nodeId: b.nodeId },
      { severity: 'error', code: 'shape-mismatch', message: 'bad edge', edgeId: c.edgeId },
    ],
  };
  return { doc: c.document, view, a: a.nodeId, b: b.nodeId, edgeId: c.edgeId };
}

describe('document ↔ React Flow', () => {
  it('places nodes at their layout positions with their registry entry', () => {
    const { doc, view, a, b } = fixture();
    const nodes = toFlowNodes(doc, view, { nodes: [b], edges: [] });
    expect(nodes.map((n) => [n.id, n.position, n.selected])).toEqual([
      [a, { x: 10, y: 20 }, false],
      [b, { x: 200, y: 20 }, true],
    ]);
    expect(nodes[1]!.data.spec).toBe(linearType);
  });

  it('gives each node its own diagnostics, errors first', () => {
    const { doc, view, a, b } = fixture();
    const nodes = toFlowNodes(doc, view, { nodes: [], edges: [] });
    expect(nodes.find((n) => n.id === a)!.data.diagnostics).toEqual([]);
    expect(nodes.find((n) => n.id === b)!.data.diagnostics.map((d) => d.message)).toEqual([
      'needs an input',
      'a warning',
    ]);
  });

  it('keeps measured sizes so React Flow does not hide re-created nodes', () => {
    const { doc, view, a } = fixture();
    const nodes = toFlowNodes(
      doc,
      view,
      { nodes: [], edges: [] },
      { [a]: { width: 180, height: 90 } },
    );
    expect(nodes[0]!.measured).toEqual({ width: 180, height: 90 });
  });

  it('labels each edge with the shape its source port produces', () => {
    const { doc, view, a, b, edgeId } = fixture();
    const [edge] = toFlowEdges(doc, view, { nodes: [], edges: [edgeId] });
    expect(edge).toMatchObject({
      id: edgeId,
      source: a,
      sourceHandle: 'out',
      target: b,
      targetHandle: 'in',
      selected: true,
    });
    expect(edge!.data).toEqual({ label: '[N, 784]', error: 'bad edge' });
  });

  it('maps a connection back to port references, refusing one without handles', () => {
    expect(
      toPortRefs({ source: 'x', sourceHandle: 'out', target: 'y', targetHandle: 'in' }),
    ).toEqual({
      from: { node: 'x', port: 'out' },
      to: { node: 'y', port: 'in' },
    });
    expect(
      toPortRefs({ source: 'x', sourceHandle: null, target: 'y', targetHandle: 'in' }),
    ).toBeNull();
  });
});

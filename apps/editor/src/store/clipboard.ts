/**
 * Copy and paste of a selection: the selected nodes, the edges between them (edges to nodes left
 * behind are dropped), and their positions. Pasting gives every node a fresh id and rewires the
 * copied edges to the copies.
 */
import type { DocEdge, DocNode, ModelDocument } from '../model.js';
import { edgeId, type XY } from './document-ops.js';
import { freshId } from './ids.js';

export interface ClipboardPayload {
  format: 'loom-clipboard';
  nodes: DocNode[];
  edges: DocEdge[];
  positions: Record<string, XY>;
}

export function copySelection(
  doc: ModelDocument,
  nodeIds: Iterable<string>,
): ClipboardPayload | null {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = doc.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node));
  const positions = Object.fromEntries(
    nodes.map((n) => [n.id, doc.layout?.positions[n.id] ?? { x: 0, y: 0 }]),
  );
  return structuredClone({ format: 'loom-clipboard', nodes, edges, positions });
}

/** Reads a payload written by `copySelection` (e.g. from the system clipboard); null if it is not one. */
export function parseClipboard(text: string): ClipboardPayload | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const p = value as Partial<ClipboardPayload>;
    if (p.format !== 'loom-clipboard' || !Array.isArray(p.nodes) || !Array.isArray(p.edges))
      return null;
    return {
      format: 'loom-clipboard',
      nodes: p.nodes,
      edges: p.edges,
      positions: p.positions ?? {},
    };
  } catch {
    return null;
  }
}

/** Inserts a copy of `payload` shifted by `offset`; returns the document and the new node ids. */
export function pasteClipboard(
  doc: ModelDocument,
  payload: ClipboardPayload,
  offset: XY,
): { document: ModelDocument; nodeIds: string[] } {
  const taken = new Set(doc.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  for (const node of payload.nodes) {
    const id = freshId(node.type, taken);
    taken.add(id);
    renamed.set(node.id, id);
  }
  const nodes = payload.nodes.map((n) => ({ ...structuredClone(n), id: renamed.get(n.id)! }));
  const edges = payload.edges
    .filter((e) => renamed.has(e.from.node) && renamed.has(e.to.node))
    .map((e) => {
      const from = { node: renamed.get(e.from.node)!, port: e.from.port };
      const to = { node: renamed.get(e.to.node)!, port: e.to.port };
      return { id: edgeId(from, to), from, to };
    });
  const positions = { ...doc.layout?.positions };
  for (const [oldId, newId] of renamed) {
    const p = payload.positions[oldId] ?? { x: 0, y: 0 };
    positions[newId] = { x: p.x + offset.x, y: p.y + offset.y };
  }
  const document = {
    ...doc,
    nodes: [...doc.nodes, ...nodes],
    edges: [...doc.edges, ...edges],
    layout: { ...doc.layout, positions },
  };
  return { document, nodeIds: nodes.map((n) => n.id) };
}

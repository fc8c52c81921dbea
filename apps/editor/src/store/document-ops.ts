/**
 * Pure edits of a model document. Each returns a new document (or the same one when nothing
 * changes), so the history can keep snapshots and React can compare by identity.
 */
import type {
  DocEdge,
  DocNode,
  ModelDocument,
  ParamValue,
  PortRef,
  TrainingSettings,
} from '../model.js';
import { freshId } from './ids.js';

export interface XY {
  x: number;
  y: number;
}

export const defaultTraining: TrainingSettings = { epochs: 5, batchSize: 32 };

export function emptyDocument(name = 'Untitled model'): ModelDocument {
  return {
    format: 'loom-model',
    version: 1,
    name,
    nodes: [],
    edges: [],
    training: { ...defaultTraining },
    layout: { positions: {} },
  };
}

export function positionOf(doc: ModelDocument, nodeId: string): XY {
  return doc.layout?.positions[nodeId] ?? { x: 0, y: 0 };
}

function withPositions(doc: ModelDocument, positions: Record<string, XY>): ModelDocument {
  return { ...doc, layout: { ...doc.layout, positions } };
}

/** Adds a node of `type` with `params` at `position`; returns the document and the new node's id. */
export function addNode(
  doc: ModelDocument,
  type: string,
  params: Record<string, ParamValue>,
  position: XY,
): { document: ModelDocument; nodeId: string } {
  const nodeId = freshId(type, new Set(doc.nodes.map((n) => n.id)));
  const node: DocNode = { id: nodeId, type, params: { ...params } };
  const next = withPositions(
    { ...doc, nodes: [...doc.nodes, node] },
    { ...doc.layout?.positions, [nodeId]: position },
  );
  return { document: next, nodeId };
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(
  doc: ModelDocument,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): ModelDocument {
  const goneNodes = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  const nodes = doc.nodes.filter((n) => !goneNodes.has(n.id));
  const edges = doc.edges.filter(
    (e) => !goneEdges.has(e.id) && !goneNodes.has(e.from.node) && !goneNodes.has(e.to.node),
  );
  if (nodes.length === doc.nodes.length && edges.length === doc.edges.length) return doc;
  const positions = Object.fromEntries(
    Object.entries(doc.layout?.positions ?? {}).filter(([id]) => !goneNodes.has(id)),
  );
  return withPositions({ ...doc, nodes, edges }, positions);
}

export function edgeId(from: PortRef, to: PortRef): string {
  return `${from.node}.${from.port}->${to.node}.${to.port}`;
}

/**
 * Connects an output port to an input port. An input takes one edge, so an edge already arriving
 * at `to` is replaced. Connecting the same ports twice changes nothing.
 */
export function connect(
  doc: ModelDocument,
  from: PortRef,
  to: PortRef,
): { document: ModelDocument; edgeId: string } {
  const id = edgeId(from, to);
  if (doc.edges.some((e) => e.id === id)) return { document: doc, edgeId: id };
  const edge: DocEdge = { id, from: { ...from }, to: { ...to } };
  const edges = doc.edges.filter((e) => !(e.to.node === to.node && e.to.port === to.port));
  return { document: { ...doc, edges: [...edges, edge] }, edgeId: id };
}

/** Merges `params` into a node's parameters. */
export function setParams(
  doc: ModelDocument,
  nodeId: string,
  params: Record<string, ParamValue>,
): ModelDocument {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return doc;
  if (Object.entries(params).every(([k, v]) => sameValue(node.params[k], v))) return doc;
  const updated: DocNode = { ...node, params: { ...node.params, ...params } };
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? updated : n)) };
}

export function setLabel(doc: ModelDocument, nodeId: string, label: string): ModelDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const { label: _old, ...rest } = n;
      return label.trim() ? { ...rest, label } : rest;
    }),
  };
}

/** Moves nodes to new positions (one drag, or an auto-layout). */
export function moveNodes(doc: ModelDocument, positions: Record<string, XY>): ModelDocument {
  const current = doc.layout?.positions ?? {};
  const changed = Object.entries(positions).filter(
    ([id, p]) => current[id]?.x !== p.x || current[id]?.y !== p.y,
  );
  if (changed.length === 0) return doc;
  return withPositions(doc, { ...current, ...Object.fromEntries(changed) });
}

export function setTraining(
  doc: ModelDocument,
  training: Partial<TrainingSettings>,
): ModelDocument {
  const current = doc.training ?? defaultTraining;
  const next = { ...current, ...training };
  if (
    (Object.keys(next) as (keyof TrainingSettings)[]).every((k) => next[k] === current[k]) &&
    doc.training
  )
    return doc;
  return { ...doc, training: next };
}

export function renameDocument(doc: ModelDocument, name: string): ModelDocument {
  return name === doc.name ? doc : { ...doc, name };
}

export function sameValue(a: ParamValue | undefined, b: ParamValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * The model document seen as React Flow nodes and edges. Pure: the registry lookup, the analysis'
 * shapes and diagnostics come in as arguments, so the mapping is tested in Node.
 */
import type { Edge, Node } from '@xyflow/react';
import type {
  Diagnostic,
  DocNode,
  ModelDocument,
  NodeType,
  PortRef,
  TensorType,
} from '../model.js';
import type { Selection } from '../store/editor-store.js';
import { formatShape } from './format-shape.js';

export type LoomNodeData = {
  node: DocNode;
  /** The registry's description; undefined for a type the registry does not know. */
  spec: NodeType | undefined;
  /** Output types by port, when inferred. */
  shapes: Record<string, TensorType> | undefined;
  /** Diagnostics located at this node (errors first). */
  diagnostics: Diagnostic[];
};
export type LoomFlowNode = Node<LoomNodeData, 'loom'>;

export type LoomEdgeData = {
  /** "[N, 128]": the shape the edge carries, when known. */
  label: string | null;
  error: string | null;
};
export type LoomFlowEdge = Edge<LoomEdgeData, 'shape'>;

export interface AnalysisView {
  nodeType(type: string): NodeType | undefined;
  shapesOf(nodeId: string): Record<string, TensorType> | undefined;
  diagnostics: readonly Diagnostic[];
}

export type Measured = Record<string, { width: number; height: number }>;

function byNode(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.nodeId) continue;
    const list = map.get(d.nodeId) ?? [];
    list.push(d);
    map.set(d.nodeId, list);
  }
  for (const list of map.values())
    list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return map;
}

export function toFlowNodes(
  doc: ModelDocument,
  view: AnalysisView,
  selection: Selection,
  measured: Measured = {},
): LoomFlowNode[] {
  const selected = new Set(selection.nodes);
  const located = byNode(view.diagnostics);
  return doc.nodes.map((node) => ({
    id: node.id,
    type: 'loom',
    position: doc.layout?.positions[node.id] ?? { x: 0, y: 0 },
    selected: selected.has(node.id),
    ...(measured[node.id] ? { measured: measured[node.id] } : {}),
    data: {
      node,
      spec: view.nodeType(node.type),
      shapes: view.shapesOf(node.id),
      diagnostics: located.get(node.id) ?? [],
    },
  }));
}

export function toFlowEdges(
  doc: ModelDocument,
  view: AnalysisView,
  selection: Selection,
): LoomFlowEdge[] {
  const selected = new Set(selection.edges);
  const edgeErrors = new Map<string, string>();
  for (const d of view.diagnostics)
    if (d.edgeId && d.severity === 'error') edgeErrors.set(d.edgeId, d.message);
  return doc.edges.map((edge) => {
    const type = view.shapesOf(edge.from.node)?.[edge.from.port];
    return {
      id: edge.id,
      type: 'shape',
      source: edge.from.node,
      sourceHandle: edge.from.port,
      target: edge.to.node,
      targetHandle: edge.to.port,
      selected: selected.has(edge.id),
      data: { label: type ? formatShape(type) : null, error: edgeErrors.get(edge.id) ?? null },
    };
  });
}

/** A React Flow connection as the document's port references; null when a handle is missing. */
export function toPortRefs(connection: {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}): { from: PortRef; to: PortRef } | null {
  if (!connection.sourceHandle || !connection.targetHandle) return null;
  return {
    from: { node: connection.source, port: connection.sourceHandle },
    to: { node: connection.target, port: connection.targetHandle },
  };
}

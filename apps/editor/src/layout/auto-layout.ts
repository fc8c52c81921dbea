/**
 * Auto-layout with ELK's layered algorithm: data flows left to right; a long chain wraps into rows
 * so the whole model stays readable at the canvas' aspect ratio. Returns top-left positions by id.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ModelDocument } from '../model.js';
import type { XY } from '../store/document-ops.js';

export interface NodeSize {
  width: number;
  height: number;
}

/** The size assumed for a node React Flow has not measured yet. */
export const defaultNodeSize: NodeSize = { width: 200, height: 96 };

const elk = new ELK();

/** Chains up to this many nodes stay on one row; longer ones wrap. */
export const maxUnwrappedLayers = 5;

/** The number of nodes on the longest path through the graph (its layer count). */
export function layerCount(doc: ModelDocument): number {
  const depth = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const e of doc.edges)
    incoming.set(e.to.node, [...(incoming.get(e.to.node) ?? []), e.from.node]);
  const visit = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle: validation reports it; layout just stops here
    seen.add(id);
    const d = 1 + Math.max(0, ...(incoming.get(id) ?? []).map((p) => visit(p, seen)));
    depth.set(id, d);
    return d;
  };
  return Math.max(0, ...doc.nodes.map((n) => visit(n.id, new Set())));
}

export async function layoutDocument(
  doc: ModelDocument,
  sizes: Readonly<Record<string, NodeSize>> = {},
  aspectRatio = 1.6,
): Promise<Record<string, XY>> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'SPLINES',
      ...(layerCount(doc) > maxUnwrappedLayers
        ? { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': String(aspectRatio) }
        : {}),
    },
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes[n.id] ?? defaultNodeSize) })),
    edges: doc.edges.map((e) => ({ id: e.id, sources: [e.from.node], targets: [e.to.node] })),
  };
  const laid = await elk.layout(graph);
  return Object.fromEntries(
    (laid.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]),
  );
}

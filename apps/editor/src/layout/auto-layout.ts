/**
 * Auto-layout with ELK's layered algorithm: data flows left to right; a long chain wraps into rows
 * so the whole model stays readable at the canvas' aspect ratio. Returns top-left positions by id.
 *
 * ELK is 1.5 MB of compiled Java: it is never part of the page's first load. In a browser it runs
 * in its own worker (elkjs' `elk-worker.min.js`, fetched the first time a layout is asked for, or
 * earlier by `prefetchLayout()` once the page is idle), so neither its parse nor a layout blocks
 * the main thread. Outside the browser (Node tests) the bundled in-process build is loaded.
 */
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import type { ModelDocument } from '../model.js';
import type { XY } from '../store/document-ops.js';

export interface NodeSize {
  width: number;
  height: number;
}

/** The size assumed for a node React Flow has not measured yet. */
export const defaultNodeSize: NodeSize = { width: 200, height: 96 };

let elk: Promise<ELK> | undefined;

async function createElk(): Promise<ELK> {
  if (import.meta.env.SSR) {
    const { default: BundledElk } = await import('elkjs/lib/elk.bundled.js');
    return new BundledElk();
  }
  const [{ default: ElkApi }, { default: workerUrl }] = await Promise.all([
    import('elkjs/lib/elk-api.js'),
    import('elkjs/lib/elk-worker.min.js?url'),
  ]);
  // A classic worker: the GWT-compiled script is not a module.
  return new ElkApi({ workerFactory: () => new Worker(workerUrl, { name: 'elk-layout' }) });
}

/** The one ELK instance (its worker is started on first use). */
function loadElk(): Promise<ELK> {
  elk ??= createElk().catch((error: unknown) => {
    elk = undefined; // a failed chunk load may succeed on the next try
    throw error;
  });
  return elk;
}

/**
 * Starts ELK's worker ahead of the first layout (opening a template arranges it), when the page
 * has nothing better to do. The worker parses ELK on its own thread.
 */
export function prefetchLayout(): void {
  void loadElk().catch(() => undefined);
}

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
  const laid = await (await loadElk()).layout(graph);
  return Object.fromEntries(
    (laid.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]),
  );
}

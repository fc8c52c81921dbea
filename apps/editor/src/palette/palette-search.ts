/**
 * What the palette lists: node types from @loom/model's registry, searched fuzzily (fuse.js) by
 * title, type name, category and description, and — when a dangling edge was dropped — only the
 * types that can take that edge (asked of `canConnect`, never decided here).
 */
import Fuse from 'fuse.js';
import type { ModelDocument, NodeCategory, NodeType, ParamValue, PortRef } from '../model.js';
import { addNode } from '../store/document-ops.js';

/** The palette's section order: a model reads from data to optimizer. */
export const categoryOrder: readonly NodeCategory[] = [
  'data',
  'input',
  'layer',
  'activation',
  'op',
  'loss',
  'optimizer',
  'output',
];

export const categoryTitles: Record<NodeCategory, string> = {
  data: 'Data',
  input: 'Inputs',
  layer: 'Layers',
  activation: 'Activations',
  op: 'Operations',
  loss: 'Losses',
  optimizer: 'Optimizers',
  output: 'Outputs',
};

export interface PaletteEntry {
  nodeType: NodeType;
  /** With a dangling edge: the port of this type the edge attaches to. */
  port?: string;
}

export type PaletteIndex = Fuse<PaletteEntry>;

function byCategory(a: PaletteEntry, b: PaletteEntry): number {
  const ca = categoryOrder.indexOf(a.nodeType.category);
  const cb = categoryOrder.indexOf(b.nodeType.category);
  return ca - cb || a.nodeType.title.localeCompare(b.nodeType.title);
}

export function createPaletteIndex(entries: readonly PaletteEntry[]): PaletteIndex {
  return new Fuse([...entries], {
    keys: [
      { name: 'nodeType.title', weight: 3 },
      { name: 'nodeType.type', weight: 3 },
      { name: 'nodeType.category', weight: 1 },
      { name: 'nodeType.description', weight: 0.3 },
    ],
    threshold: 0.35,
    minMatchCharLength: 2,
    ignoreLocation: true,
  });
}

/** Every entry in category order for an empty query; otherwise the best matches first. */
export function searchPalette(
  index: PaletteIndex,
  entries: readonly PaletteEntry[],
  query: string,
): PaletteEntry[] {
  const q = query.trim();
  if (!q) return [...entries].sort(byCategory);
  return index.search(q).map((r) => r.item);
}

/** Where a dangling edge started: an output port (`source`) or an input port (`target`). */
export type DanglingEnd = { side: 'source' | 'target'; port: PortRef };

type ConnectCheck = (doc: ModelDocument, from: PortRef, to: PortRef) => { ok: boolean };

/**
 * The node types a dangling edge can attach to, each with the first port that accepts it. Each
 * candidate is tried by adding it to a scratch copy of the document and asking `canConnect`.
 */
export function compatibleEntries(
  doc: ModelDocument,
  types: readonly NodeType[],
  end: DanglingEnd,
  check: ConnectCheck,
  paramsOf: (type: string) => Record<string, ParamValue>,
): PaletteEntry[] {
  const result: PaletteEntry[] = [];
  for (const nodeType of types) {
    const { document: scratch, nodeId } = addNode(doc, nodeType.type, paramsOf(nodeType.type), {
      x: 0,
      y: 0,
    });
    const ports = end.side === 'source' ? nodeType.inputs : nodeType.outputs;
    const port = ports.find((p) => {
      const candidate = { node: nodeId, port: p.name };
      return end.side === 'source'
        ? check(scratch, end.port, candidate).ok
        : check(scratch, candidate, end.port).ok;
    });
    if (port) result.push({ nodeType, port: port.name });
  }
  return result;
}

import type { DocEdge, DocNode, ModelDocument } from '../model.js';

/** Node ids in an order where every node comes after the nodes feeding it; a cycle is an error naming a node on it. */
export function topologicalOrder(document: Pick<ModelDocument, 'nodes' | 'edges'>): string[] {
  const incoming = new Map<string, number>(document.nodes.map((n) => [n.id, 0]));
  const next = new Map<string, string[]>();
  for (const e of document.edges) {
    if (!incoming.has(e.from.node) || !incoming.has(e.to.node)) continue;
    incoming.set(e.to.node, incoming.get(e.to.node)! + 1);
    next.set(e.from.node, [...(next.get(e.from.node) ?? []), e.to.node]);
  }
  const ready = document.nodes.filter((n) => incoming.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const to of next.get(id) ?? []) {
      const left = incoming.get(to)! - 1;
      incoming.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  if (order.length < document.nodes.length) {
    const stuck = document.nodes.find((n) => !order.includes(n.id))!;
    throw new Error(`the graph has a cycle through node "${stuck.label ?? stuck.id}"`);
  }
  return order;
}

/** Every node reachable from `changed` along edges, including them: what an edit must recompute. */
export function downstreamOf(
  document: Pick<ModelDocument, 'edges'>,
  changed: Iterable<string>,
): Set<string> {
  const out = new Set<string>(changed);
  const queue = [...out];
  while (queue.length) {
    const id = queue.pop()!;
    for (const e of document.edges)
      if (e.from.node === id && !out.has(e.to.node)) {
        out.add(e.to.node);
        queue.push(e.to.node);
      }
  }
  return out;
}

/** The edges into one node, by input port. */
export function inputEdges(
  document: Pick<ModelDocument, 'edges'>,
  nodeId: string,
): Map<string, DocEdge> {
  return new Map(document.edges.filter((e) => e.to.node === nodeId).map((e) => [e.to.port, e]));
}

/** The first node of a type (the dataset, the loss), or undefined. */
export function findNode(
  document: Pick<ModelDocument, 'nodes'>,
  type: string,
): DocNode | undefined {
  return document.nodes.find((n) => n.type === type);
}

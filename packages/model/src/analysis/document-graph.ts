import type { Diagnostic } from '../document/diagnostic.js';
import type { DocEdge, DocNode, ModelDocument } from '../document/model-document.js';
import { nodeTypes } from '../node-types/registry.js';

/**
 * The structure of a document, indexed: nodes by id, the edge into each input port, edges out of
 * each node, a topological order, and every structural problem (duplicate ids, unknown types,
 * dangling edges, unknown ports, doubly connected inputs, cycles) located at its node or edge.
 * Edges with a problem are left out of the index, so later stages see a consistent graph.
 */
export class DocumentGraph {
  readonly nodes = new Map<string, DocNode>();
  /** nodeId → input port → the edge feeding it. */
  readonly incoming = new Map<string, Map<string, DocEdge>>();
  /** nodeId → the edges leaving it. */
  readonly outgoing = new Map<string, DocEdge[]>();
  readonly diagnostics: Diagnostic[] = [];
  /** Nodes not on a cycle, every node after the nodes feeding it. */
  readonly order: DocNode[];
  /** Ids of nodes on a cycle or downstream of one (they get no shapes). */
  readonly cyclic = new Set<string>();

  constructor(readonly document: ModelDocument) {
    this.indexNodes();
    this.indexEdges();
    this.order = this.sort();
  }

  private error(diagnostic: Omit<Diagnostic, 'severity'>): void {
    this.diagnostics.push({ severity: 'error', ...diagnostic });
  }

  private indexNodes(): void {
    for (const node of this.document.nodes) {
      if (this.nodes.has(node.id)) {
        this.error({ code: 'duplicate-node-id', nodeId: node.id, message: `Two nodes have the id "${node.id}"; the second is ignored` });
        continue;
      }
      this.nodes.set(node.id, node);
      this.incoming.set(node.id, new Map());
      this.outgoing.set(node.id, []);
      if (!nodeTypes.has(node.type))
        this.error({ code: 'unknown-node-type', nodeId: node.id, field: 'type', message: `Node "${node.label ?? node.id}" has an unknown type "${node.type}"` });
    }
  }

  private indexEdges(): void {
    const edgeIds = new Set<string>();
    for (const edge of this.document.edges) {
      const at = { edgeId: edge.id };
      if (edgeIds.has(edge.id)) {
        this.error({ ...at, code: 'duplicate-edge-id', message: `Two edges have the id "${edge.id}"; the second is ignored` });
        continue;
      }
      edgeIds.add(edge.id);
      const from = this.nodes.get(edge.from.node);
      const to = this.nodes.get(edge.to.node);
      if (!from || !to) {
        const missing = !from ? edge.from.node : edge.to.node;
        this.error({ ...at, code: 'unknown-node', message: `Edge "${edge.id}" refers to a node "${missing}" that does not exist` });
        continue;
      }
      const fromType = nodeTypes.get(from.type);
      const toType = nodeTypes.get(to.type);
      if (!fromType || !toType) continue; // the unknown type is reported on its node
      if (!fromType.outputs.some((p) => p.name === edge.from.port)) {
        this.error({ ...at, code: 'unknown-port', nodeId: from.id, port: edge.from.port, message: `${fromType.type} "${from.label ?? from.id}" has no output port "${edge.from.port}"` });
        continue;
      }
      if (!toType.inputs.some((p) => p.name === edge.to.port)) {
        this.error({ ...at, code: 'unknown-port', nodeId: to.id, port: edge.to.port, message: `${toType.type} "${to.label ?? to.id}" has no input port "${edge.to.port}"` });
        continue;
      }
      const ports = this.incoming.get(to.id)!;
      const existing = ports.get(edge.to.port);
      if (existing) {
        this.error({
          ...at,
          code: 'input-already-connected',
          nodeId: to.id,
          port: edge.to.port,
          message: `${toType.type} "${to.label ?? to.id}" input "${edge.to.port}" is already fed by edge "${existing.id}"; an input takes one edge`,
        });
        continue;
      }
      ports.set(edge.to.port, edge);
      this.outgoing.get(from.id)!.push(edge);
    }
  }

  /** Kahn's algorithm; whatever is left over sits on a cycle or downstream of one. */
  private sort(): DocNode[] {
    const indegree = new Map<string, number>();
    for (const [id, ports] of this.incoming) indegree.set(id, new Set([...ports.values()].map((e) => e.from.node)).size);
    const ready = [...this.nodes.keys()].filter((id) => indegree.get(id) === 0);
    const order: DocNode[] = [];
    while (ready.length) {
      const id = ready.shift()!;
      order.push(this.nodes.get(id)!);
      for (const target of new Set(this.outgoing.get(id)!.map((e) => e.to.node))) {
        const left = indegree.get(target)! - 1;
        indegree.set(target, left);
        if (left === 0) ready.push(target);
      }
    }
    const sorted = new Set(order.map((n) => n.id));
    for (const id of this.nodes.keys()) if (!sorted.has(id)) this.cyclic.add(id);
    for (const id of this.onCycles())
      this.error({ code: 'cycle', nodeId: id, message: `Node "${this.nodes.get(id)!.label ?? id}" is on a cycle; a model must be a directed acyclic graph` });
    return order;
  }

  /** The left-over nodes that can reach themselves (the rest are merely downstream of a cycle). */
  private onCycles(): string[] {
    return [...this.cyclic].filter((start) => {
      const seen = new Set<string>();
      const stack = [start];
      while (stack.length) {
        for (const edge of this.outgoing.get(stack.pop()!)!) {
          if (edge.to.node === start) return true;
          if (!seen.has(edge.to.node)) {
            seen.add(edge.to.node);
            stack.push(edge.to.node);
          }
        }
      }
      return false;
    });
  }

  /** `ids` and every node downstream of them. */
  downstream(ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const stack = [...ids].filter((id) => this.nodes.has(id));
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      for (const edge of this.outgoing.get(id) ?? []) stack.push(edge.to.node);
    }
    return out;
  }

  /** True when `from` can reach `to` along edges (so an edge to → from would close a cycle). */
  reaches(from: string, to: string): boolean {
    return this.downstream([from]).has(to);
  }
}

import type { Diagnostic } from '../document/diagnostic.js';
import type { DocEdge, DocNode, ModelDocument, ParamValue, PortRef } from '../document/model-document.js';
import { analyzeNode, type NodeAnalysis } from './analyze-node.js';
import { nodeCacheKey } from './cache-key.js';
import { checkClassCounts } from './class-count-check.js';
import { checkDocument } from './document-checks.js';
import { DocumentGraph } from './document-graph.js';
import type { TensorType } from './tensor-type.js';

/** One change to a document, as an editor makes it. */
export type DocumentEdit =
  | { kind: 'addNode'; node: DocNode }
  /** Removes the node, its edges and its layout position. */
  | { kind: 'removeNode'; nodeId: string }
  /** Merges `params` into the node's params (a patch: unnamed params keep their values). */
  | { kind: 'setParams'; nodeId: string; params: Record<string, ParamValue> }
  | { kind: 'connect'; edge: DocEdge }
  | { kind: 'disconnect'; edgeId: string }
  | { kind: 'replace'; document: ModelDocument };

interface NodeResult extends NodeAnalysis {
  key: string;
}

/** The document after an edit (a new object; the old one is not mutated). */
export function applyEdit(doc: ModelDocument, edit: DocumentEdit): ModelDocument {
  switch (edit.kind) {
    case 'addNode':
      return { ...doc, nodes: [...doc.nodes, edit.node] };
    case 'removeNode': {
      const touches = (e: DocEdge) => e.from.node === edit.nodeId || e.to.node === edit.nodeId;
      const layout = doc.layout && { ...doc.layout, positions: Object.fromEntries(Object.entries(doc.layout.positions).filter(([id]) => id !== edit.nodeId)) };
      return { ...doc, nodes: doc.nodes.filter((n) => n.id !== edit.nodeId), edges: doc.edges.filter((e) => !touches(e)), ...(layout ? { layout } : {}) };
    }
    case 'setParams':
      return { ...doc, nodes: doc.nodes.map((n) => (n.id === edit.nodeId ? { ...n, params: { ...n.params, ...edit.params } } : n)) };
    case 'connect':
      return { ...doc, edges: [...doc.edges, edit.edge] };
    case 'disconnect':
      return { ...doc, edges: doc.edges.filter((e) => e.id !== edit.edgeId) };
    case 'replace':
      return edit.document;
  }
}

/** What feeds a node, as a comparable string. */
function wiring(graph: DocumentGraph, id: string): string {
  return JSON.stringify([...(graph.incoming.get(id) ?? new Map<string, DocEdge>()).entries()].map(([port, e]) => [port, e.from.node, e.from.port]).sort());
}

/**
 * Reactive, incremental analysis of a document. After an edit only the nodes whose type, params or
 * wiring changed — and everything downstream of them — are re-validated and re-inferred; the rest
 * keep their shapes, diagnostics and cache keys.
 *
 * @example
 * const analysis = new ModelAnalysis(doc);
 * const { recomputed } = analysis.apply({ kind: 'setParams', nodeId: 'fc2', params: { outFeatures: 32 } });
 * analysis.shapesOf('fc2'); analysis.diagnostics(); analysis.cacheKey('fc2');
 */
export class ModelAnalysis {
  #document: ModelDocument;
  #graph: DocumentGraph;
  #results = new Map<string, NodeResult>();
  #documentDiagnostics: Diagnostic[] = [];

  constructor(doc: ModelDocument) {
    this.#document = doc;
    this.#graph = new DocumentGraph(doc);
    this.#documentDiagnostics = checkDocument(doc);
    this.#analyse(new Set(this.#graph.nodes.keys()));
  }

  /** The current document. */
  get document(): ModelDocument {
    return this.#document;
  }

  /** Applies an edit and re-analyses what it affects; returns the new document and the ids re-analysed (in order). */
  apply(edit: DocumentEdit): { document: ModelDocument; recomputed: string[] } {
    const before = this.#graph;
    const document = applyEdit(this.#document, edit);
    const graph = new DocumentGraph(document);
    const changed = new Set<string>();
    for (const [id, node] of graph.nodes) {
      const old = before.nodes.get(id);
      const same =
        old === node ||
        (old !== undefined && old.type === node.type && JSON.stringify(old.params) === JSON.stringify(node.params) && old.label === node.label);
      if (!same || wiring(before, id) !== wiring(graph, id) || before.cyclic.has(id) !== graph.cyclic.has(id)) changed.add(id);
    }
    for (const id of this.#results.keys()) if (!graph.nodes.has(id)) this.#results.delete(id);
    this.#document = document;
    this.#graph = graph;
    this.#documentDiagnostics = checkDocument(document);
    return { document, recomputed: this.#analyse(graph.downstream(changed)) };
  }

  /** Re-analyses `dirty` nodes in topological order; returns their ids. */
  #analyse(dirty: Set<string>): string[] {
    const graph = this.#graph;
    const typeOf = (ref: PortRef): TensorType | undefined => this.#results.get(ref.node)?.shapes?.[ref.port];
    const recomputed: string[] = [];
    for (const node of graph.order) {
      if (!dirty.has(node.id)) continue;
      const incoming = graph.incoming.get(node.id)!;
      const key = nodeCacheKey(node, incoming, (id) => this.#results.get(id)?.key);
      this.#results.set(node.id, { ...analyzeNode(node, incoming, typeOf), key });
      recomputed.push(node.id);
    }
    for (const id of graph.cyclic)
      if (dirty.has(id)) {
        this.#results.set(id, { diagnostics: [], key: nodeCacheKey(graph.nodes.get(id)!, new Map(), () => undefined) });
        recomputed.push(id);
      }
    return recomputed;
  }

  /** Output types of a node by port, or undefined when they could not be inferred. */
  shapesOf(nodeId: string): Record<string, TensorType> | undefined {
    return this.#results.get(nodeId)?.shapes;
  }

  /** The type on one output port. */
  typeOf(ref: PortRef): TensorType | undefined {
    return this.shapesOf(ref.node)?.[ref.port];
  }

  /** Every diagnostic of the document: structure, then nodes in topological order, then class counts and document-level. */
  diagnostics(): Diagnostic[] {
    const graph = this.#graph;
    const perNode = [...graph.order.map((n) => n.id), ...graph.cyclic].flatMap((id) => this.#results.get(id)?.diagnostics ?? []);
    const classCounts = checkClassCounts(graph, (ref) => this.typeOf(ref));
    return [...graph.diagnostics, ...perNode, ...classCounts, ...this.#documentDiagnostics];
  }

  /** Diagnostics located at one node. */
  diagnosticsOf(nodeId: string): Diagnostic[] {
    return this.diagnostics().filter((d) => d.nodeId === nodeId);
  }

  /** The node's cache key: a hash of its type, params and upstream keys ('' for an unknown node). */
  cacheKey(nodeId: string): string {
    return this.#results.get(nodeId)?.key ?? '';
  }

  /** The structural index (topological order, edges into each port) of the current document. */
  get graph(): DocumentGraph {
    return this.#graph;
  }
}

import type { DocEdge, DocNode, ModelDocument, ParamValue, PortRef, TrainingSettings } from '../document/model-document.js';
import { currentDocumentVersion } from '../document/model-document.js';
import { defaultParams, nodeTypes, type NodeTypeName, type ParamsFor } from '../node-types/registry.js';

/** A node added by the builder: its id and its output ports. */
export interface NodeHandle {
  id: string;
  /** The output port `port` (default 'out') as an edge source. */
  out(port?: string): PortRef;
}

/** Id and label of a node (the id defaults to the type in lower case plus a counter: 'linear1'). */
export interface NodeOptions {
  id?: string;
  label?: string;
}

/**
 * Builds a model document in code — the same document the editor makes. Params are typed per node
 * type and filled with defaults; nodes get a simple left-to-right layout.
 *
 * @example
 * const b = modelBuilder('mlp');
 * const data = b.node('dataset', { name: 'mnist' });
 * let x = b.layer('Flatten', data.out('inputs'));
 * x = b.layer('Linear', x, { inFeatures: 784, outFeatures: 10 });
 * b.optimizer(b.loss(x, data.out('targets'), 'crossEntropy'), { kind: 'adam', lr: 1e-3 });
 * const doc = b.build();
 */
export class ModelBuilder {
  readonly #nodes: DocNode[] = [];
  readonly #edges: DocEdge[] = [];
  readonly #counters = new Map<string, number>();
  #training: TrainingSettings | undefined;

  constructor(
    readonly name: string,
    readonly description?: string,
  ) {}

  /** Adds a node of `type` with `params` (the rest default) and connects `inputs` (input port → source). */
  node<T extends NodeTypeName>(type: T, params: Partial<ParamsFor<T>> = {}, inputs: Record<string, PortRef> = {}, options: NodeOptions = {}): NodeHandle {
    if (!nodeTypes.has(type)) throw new Error(`modelBuilder: unknown node type "${type}"`);
    const id = options.id ?? this.#nextId(type);
    if (this.#nodes.some((n) => n.id === id)) throw new Error(`modelBuilder: a node "${id}" already exists`);
    const node: DocNode = { id, type, params: { ...defaultParams(type), ...(params as Record<string, ParamValue>) } };
    if (options.label !== undefined) node.label = options.label;
    this.#nodes.push(node);
    for (const [port, from] of Object.entries(inputs)) this.connect(from, { node: id, port });
    return { id, out: (port = 'out') => ({ node: id, port }) };
  }

  /** Adds a single-input layer fed by `input` and returns its output port. */
  layer<T extends NodeTypeName>(type: T, input: PortRef, params: Partial<ParamsFor<T>> = {}, options: NodeOptions = {}): PortRef {
    return this.node(type, params, { in: input }, options).out();
  }

  /** Adds a loss of `prediction` against `target`; returns its loss port. */
  loss(prediction: PortRef, target: PortRef, kind: ParamsFor<'loss'>['kind'] = 'crossEntropy', options: NodeOptions = {}): PortRef {
    return this.node('loss', { kind }, { prediction, target }, { id: 'loss', ...options }).out('loss');
  }

  /** Adds the optimizer minimising `loss`. */
  optimizer(loss: PortRef, params: Partial<ParamsFor<'optimizer'>> = {}, options: NodeOptions = {}): NodeHandle {
    return this.node('optimizer', params, { loss }, { id: 'optimizer', ...options });
  }

  /** Connects an output port to an input port. */
  connect(from: PortRef, to: PortRef): this {
    this.#edges.push({ id: `e${this.#edges.length + 1}`, from: { ...from }, to: { ...to } });
    return this;
  }

  /** Sets the training settings (epochs, batch size, seed, validation split). */
  training(settings: TrainingSettings): this {
    this.#training = { ...settings };
    return this;
  }

  /** The document, with nodes laid out in columns by depth. */
  build(): ModelDocument {
    const doc: ModelDocument = {
      format: 'loom-model',
      version: currentDocumentVersion,
      name: this.name,
      nodes: this.#nodes.map((n) => ({ ...n, params: { ...n.params } })),
      edges: this.#edges.map((e) => ({ ...e })),
      layout: { positions: this.#layout() },
    };
    if (this.description !== undefined) doc.description = this.description;
    if (this.#training) doc.training = { ...this.#training };
    return doc;
  }

  #nextId(type: string): string {
    const base = type.toLowerCase();
    const n = (this.#counters.get(base) ?? 0) + 1;
    this.#counters.set(base, n);
    return `${base}${n}`;
  }

  #layout(): Record<string, { x: number; y: number }> {
    const depth = new Map<string, number>();
    const depthOf = (id: string, seen: Set<string>): number => {
      if (depth.has(id)) return depth.get(id)!;
      if (seen.has(id)) return 0;
      seen.add(id);
      const d = Math.max(-1, ...this.#edges.filter((e) => e.to.node === id).map((e) => depthOf(e.from.node, seen))) + 1;
      depth.set(id, d);
      return d;
    };
    const rows = new Map<number, number>();
    const positions: Record<string, { x: number; y: number }> = {};
    for (const node of this.#nodes) {
      const d = depthOf(node.id, new Set());
      const row = rows.get(d) ?? 0;
      rows.set(d, row + 1);
      positions[node.id] = { x: d * 240, y: row * 140 };
    }
    return positions;
  }
}

/** Starts building a model document in code. */
export function modelBuilder(name: string, description?: string): ModelBuilder {
  return new ModelBuilder(name, description);
}

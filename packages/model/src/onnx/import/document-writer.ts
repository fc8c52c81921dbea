import type { TensorType } from '../../analysis/tensor-type.js';
import type { DocEdge, DocNode, ModelDocument, ParamValue, PortRef } from '../../document/model-document.js';
import { defaultParams, nodeTypes } from '../../node-types/registry.js';
import type { HostTensor } from '../graph-builder.js';

/**
 * Builds a model document node by node while an ONNX graph is read: ids, edges, the weights of
 * each node (under `<id>.<name>`, as a compiled model names them) and every output's type, from
 * the node types' own shape rules, so an importer can ask the rank of what it is connecting.
 */
export class DocumentWriter {
  readonly nodes: DocNode[] = [];
  readonly edges: DocEdge[] = [];
  readonly weights = new Map<string, HostTensor>();
  readonly #types = new Map<string, Record<string, TensorType>>();
  readonly #ids = new Set<string>();

  /** A node id not used yet, derived from `hint` (letters, digits, '_' and '-'). */
  freshId(hint: string): string {
    const base = hint.replace(/[^\w-]/g, '_').replace(/^_+|_+$/g, '') || 'node';
    let id = base;
    for (let k = 1; this.#ids.has(id); k++) id = `${base}_${k}`;
    this.#ids.add(id);
    return id;
  }

  /**
   * Adds a node of `type` wired to `inputs` and returns its id; `where` prefixes errors (the ONNX
   * node being read). Params not given take their defaults.
   */
  add(type: string, params: Record<string, ParamValue>, inputs: Record<string, PortRef>, idHint: string, where: string): string {
    const definition = nodeTypes.definition(type);
    if (!definition) throw new Error(`importOnnx: ${where}: no node type ${type}`);
    const id = this.freshId(idHint);
    const inputTypes: Record<string, TensorType> = {};
    for (const [port, ref] of Object.entries(inputs)) {
      inputTypes[port] = this.typeOf(ref);
      this.edges.push({ id: `${ref.node}.${ref.port}->${id}.${port}`, from: ref, to: { node: id, port } });
    }
    try {
      this.#types.set(id, definition.inferShapes(inputTypes, { ...defaultParams(type), ...params }));
    } catch (error) {
      throw new Error(`importOnnx: ${where}: as a Loom ${type}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.nodes.push({ id, type, params });
    return id;
  }

  /** The type of an output port already added. */
  typeOf(ref: PortRef): TensorType {
    const type = this.#types.get(ref.node)?.[ref.port];
    if (!type) throw new Error(`importOnnx: internal: no type for ${ref.node}.${ref.port}`);
    return type;
  }

  /** Sets a node's tensor `name` (e.g. 'weight', 'cells.0.biasIh'). */
  setWeight(nodeId: string, name: string, value: HostTensor): void {
    this.weights.set(`${nodeId}.${name}`, value);
  }

  /** Changes a param of a node already added (e.g. a Linear gaining its bias from a following Add). */
  setParam(nodeId: string, name: string, value: ParamValue): void {
    const node = this.nodes.find((n) => n.id === nodeId);
    if (node) node.params = { ...node.params, [name]: value };
  }

  /** The finished document. */
  document(name: string, description?: string): ModelDocument {
    return { format: 'loom-model', version: 1, name, ...(description ? { description } : {}), nodes: this.nodes, edges: this.edges };
  }
}

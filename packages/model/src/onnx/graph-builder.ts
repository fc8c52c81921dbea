import { OnnxAttributeType, OnnxDataType, type OnnxAttribute, type OnnxGraph, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './onnx-proto.js';

/** A dimension: a size, or a symbol such as 'N' for the batch. */
export type OnnxDim = number | string;

/** An attribute value: integers and integer lists by default; floats and strings spelled out. */
export type AttributeValue =
  | number
  | readonly number[]
  | { float: number }
  | { floats: readonly number[] }
  | { string: string }
  | { strings: readonly string[] };

/** Host values of a tensor with their shape, as an initializer or a state-dict entry. */
export interface HostTensor {
  data: Float32Array | Int32Array;
  shape: readonly number[];
}

const utf8 = new TextEncoder();

/** A float32 or int64 initializer's raw little-endian bytes. */
function rawBytes(data: Float32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

function isIntList(value: AttributeValue): value is readonly number[] {
  return Array.isArray(value);
}

function toAttribute(name: string, value: AttributeValue): OnnxAttribute {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`exportOnnx: attribute ${name} = ${value} must be an integer (use { float })`);
    return { name, type: OnnxAttributeType.int, i: value };
  }
  if (isIntList(value)) return { name, type: OnnxAttributeType.ints, ints: [...value] };
  if ('float' in value) return { name, type: OnnxAttributeType.float, f: value.float };
  if ('floats' in value) return { name, type: OnnxAttributeType.floats, floats: [...value.floats] };
  if ('strings' in value) return { name, type: OnnxAttributeType.strings, strings: value.strings.map((s) => utf8.encode(s)) };
  return { name, type: OnnxAttributeType.string, s: utf8.encode(value.string) };
}

/** How a document node id appears as the prefix of its ONNX node and initializer names. */
export function scopeName(id: string): string {
  return id.replace(/[^\w./:-]/g, '_');
}

/**
 * Collects an ONNX graph while an exporter walks a model: nodes, initializers (weights and
 * constants) and the graph's inputs and outputs. Value names are made unique with a counter, and
 * every node a model-document node produces is named `<docNodeId>/<op>_<k>` so a reader can tell
 * which document node it came from.
 */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  readonly inputs: OnnxValueInfo[] = [];
  readonly outputs: OnnxValueInfo[] = [];
  readonly #used = new Set<string>();
  /** The document node whose ONNX nodes are being emitted (a name prefix). */
  scope = '';

  /** A value name not used yet, derived from `hint`. */
  fresh(hint: string): string {
    const base = scopeName(this.scope ? `${this.scope}/${hint}` : hint);
    let name = base;
    for (let k = 1; this.#used.has(name); k++) name = `${base}_${k}`;
    this.#used.add(name);
    return name;
  }

  /** Adds one node and returns its output names (`outputs` of them). */
  node(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, outputs = 1): string[] {
    const names = Array.from({ length: outputs }, (_, k) => this.fresh(`${opType}${outputs > 1 ? `_out${k}` : ''}`));
    this.nodes.push({
      opType,
      name: this.fresh(`${opType}_node`),
      input: [...inputs],
      output: names,
      attribute: Object.entries(attributes).map(([name, value]) => toAttribute(name, value)),
    });
    return names;
  }

  /** Adds one single-output node and returns its output name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}): string {
    return this.node(opType, inputs, attributes, 1)[0];
  }

  /** A float32 initializer (a weight, or a constant such as a positional table). */
  floats(hint: string, data: Float32Array | readonly number[], shape: readonly number[]): string {
    const name = this.fresh(hint);
    const values = data instanceof Float32Array ? data : Float32Array.from(data);
    this.initializers.push({ name, dims: [...shape], dataType: OnnxDataType.float, rawData: rawBytes(values) });
    return name;
  }

  /** A float32 scalar constant. */
  scalar(value: number): string {
    return this.floats('const', [value], []);
  }

  /** An int64 constant (shapes for Reshape, axes, indices): 1-D, or of `dims` (e.g. [] for a scalar). */
  int64s(values: readonly number[], hint = 'const', dims: readonly number[] = [values.length]): string {
    const name = this.fresh(hint);
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [...dims], dataType: OnnxDataType.int64, rawData: rawBytes(data) });
    return name;
  }

  /** Declares a graph input. */
  input(name: string, elemType: number, shape: readonly OnnxDim[]): void {
    this.#used.add(name);
    this.inputs.push(valueInfo(name, elemType, shape));
  }

  /** Declares a graph output fed by `value` (through Identity when the name differs). */
  output(name: string, value: string, elemType: number, shape: readonly OnnxDim[]): void {
    if (value !== name) {
      this.#used.add(name);
      this.nodes.push({ opType: 'Identity', name: this.fresh(`${name}_identity`), input: [value], output: [name] });
    }
    this.outputs.push(valueInfo(name, elemType, shape));
  }

  /** The collected graph. */
  graph(name: string): OnnxGraph {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }
}

/** A ValueInfoProto for a tensor: numbers are fixed sizes, strings symbolic dimensions. */
export function valueInfo(name: string, elemType: number, shape: readonly OnnxDim[]): OnnxValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

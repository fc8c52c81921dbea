import type { HostTensor } from '../graph-builder.js';
import { OnnxAttributeType, OnnxDataType, type OnnxAttribute, type OnnxNode, type OnnxTensor } from '../onnx-proto.js';

/** "node "name" (Op)" — how import errors point at an ONNX node. */
export function describeNode(node: OnnxNode): string {
  return `node "${node.name || node.output?.[0] || '?'}" (${node.opType})`;
}

function aligned(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * An initializer or Constant tensor's values on the host: float and double as Float32Array; int64,
 * int32 and bool as Int32Array (ids and shapes; int64 beyond ±2³¹ is refused).
 */
export function tensorToHost(t: OnnxTensor): HostTensor {
  const shape = (t.dims ?? []).map(Number);
  const size = shape.reduce((n, d) => n * d, 1);
  const raw = t.rawData && t.rawData.byteLength ? t.rawData : undefined;
  if (t.dataLocation === 1) throw new Error(`importOnnx: tensor "${t.name}" keeps its data in an external file, which Loom cannot read`);
  let data: Float32Array | Int32Array;
  switch (t.dataType) {
    case OnnxDataType.float:
      data = raw ? new Float32Array(aligned(raw)) : Float32Array.from(t.floatData ?? []);
      break;
    case OnnxDataType.double:
      data = Float32Array.from(raw ? new Float64Array(aligned(raw)) : (t.doubleData ?? []));
      break;
    case OnnxDataType.int64: {
      const values = raw ? Array.from(new BigInt64Array(aligned(raw)), Number) : (t.int64Data ?? []).map(Number);
      if (values.some((v) => Math.abs(v) > 2 ** 31 - 1 && v !== Number.MAX_SAFE_INTEGER)) throw new Error(`importOnnx: int64 tensor "${t.name}" holds values beyond int32`);
      data = Int32Array.from(values, (v) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, v)));
      break;
    }
    case OnnxDataType.int32:
    case OnnxDataType.bool:
    case OnnxDataType.int8:
    case OnnxDataType.uint8:
      data = raw ? Int32Array.from(t.dataType === OnnxDataType.int32 ? new Int32Array(aligned(raw)) : raw) : Int32Array.from(t.int32Data ?? []);
      break;
    default:
      throw new Error(`importOnnx: tensor "${t.name}" has ONNX data type ${t.dataType}, which Loom does not read (float, double, int32, int64 and bool are)`);
  }
  if (data.length !== size) throw new Error(`importOnnx: tensor "${t.name}" has ${data.length} values for shape [${shape.join(', ')}]`);
  return { data, shape };
}

const utf8 = new TextDecoder();

/** Typed access to one ONNX node's attributes, with errors naming the node. */
export class Attributes {
  readonly #byName: Map<string, OnnxAttribute>;

  constructor(readonly node: OnnxNode) {
    this.#byName = new Map((node.attribute ?? []).map((a) => [a.name, a]));
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  names(): string[] {
    return [...this.#byName.keys()];
  }

  int(name: string, fallback?: number): number {
    const a = this.#byName.get(name);
    if (!a) return this.#fallback(name, fallback);
    if (a.type !== OnnxAttributeType.int && a.i === undefined) throw new Error(`importOnnx: ${describeNode(this.node)}: attribute ${name} must be an int`);
    return Number(a.i ?? 0);
  }

  float(name: string, fallback?: number): number {
    const a = this.#byName.get(name);
    if (!a) return this.#fallback(name, fallback);
    return a.f ?? 0;
  }

  ints(name: string, fallback?: number[]): number[] {
    const a = this.#byName.get(name);
    if (!a) return this.#fallback(name, fallback);
    return (a.ints ?? []).map(Number);
  }

  string(name: string, fallback?: string): string {
    const a = this.#byName.get(name);
    if (!a) return this.#fallback(name, fallback);
    return a.s ? utf8.decode(a.s) : '';
  }

  strings(name: string, fallback?: string[]): string[] {
    const a = this.#byName.get(name);
    if (!a) return this.#fallback(name, fallback);
    return (a.strings ?? []).map((s) => utf8.decode(s));
  }

  tensor(name: string): OnnxTensor | undefined {
    return this.#byName.get(name)?.t;
  }

  #fallback<T>(name: string, fallback: T | undefined): T {
    if (fallback === undefined) throw new Error(`importOnnx: ${describeNode(this.node)}: attribute ${name} is required`);
    return fallback;
  }
}

import type { Dim } from '../../analysis/tensor-type.js';
import type { PortRef } from '../../document/model-document.js';
import type { HostTensor } from '../graph-builder.js';
import type { OnnxNode } from '../onnx-proto.js';
import type { DocumentWriter } from './document-writer.js';
import type { Attributes } from './onnx-values.js';

/**
 * What an ONNX value is in the document being built: a port; the 4-D Y output of an ONNX
 * recurrent op ([T, 1, N, H]), which becomes the Loom layer's `out` once a Squeeze drops axis 1;
 * or a port's [1, 0, 2] transpose (time-major), which only a recurrent op or a transpose back reads
 * — the pattern other tools export batch-first recurrent layers as; or a 1-D shape computed from
 * a tensor's shape (Shape → Gather → Concat → Reshape, how `x.view(x.size(0), -1)` exports), whose
 * values are known except the batch size 'N'.
 */
export type ImportedValue =
  | { kind: 'port'; ref: PortRef }
  | { kind: 'recurrent-y'; ref: PortRef; batchFirst: boolean }
  | { kind: 'transposed'; ref: PortRef }
  | { kind: 'shape'; dims: Dim[] };

/** What an op importer sees of one ONNX node and the document so far. */
export interface OpContext {
  readonly node: OnnxNode;
  readonly attrs: Attributes;
  /** "node "name" (Op)", for messages. */
  readonly where: string;
  readonly writer: DocumentWriter;
  /** A document id hint for nodes this op creates. */
  readonly idHint: string;
  /** True when input i is given (ONNX skips optional inputs with ''). */
  has(i: number): boolean;
  /** Input i as a document port; an error naming the node when it is a constant or unsupported. */
  port(i: number): PortRef;
  /** Input i as imported (port or a recurrent op's 4-D output). */
  imported(i: number): ImportedValue | undefined;
  /** Input i's values when it is an initializer or a Constant, else undefined. */
  constant(i: number): HostTensor | undefined;
  /** Input i's values, required to be constant (weights): an error naming the node otherwise. */
  weight(i: number, what: string): HostTensor;
  /** Declares output i of the ONNX node. */
  define(i: number, value: ImportedValue): void;
  /** How many ONNX nodes (and graph outputs) read output i. */
  consumers(i: number): number;
  /** Linear nodes made from a MatMul whose single reader may add their bias: value name → node id. */
  readonly biasless: Map<string, string>;
}

/** Reads one ONNX op into the document. */
export type OpImporter = (ctx: OpContext) => void;

/** Throws an error naming the ONNX node. */
export function unsupported(ctx: OpContext, why: string): never {
  throw new Error(`importOnnx: ${ctx.where}: ${why}`);
}

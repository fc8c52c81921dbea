import type { TypedArray, DType } from '../dtype.js';
import type { PrimitiveAttrs, PrimitiveOp } from '../ops/primitive-op.js';
import type { BufferSlot } from './buffer-slot.js';

/**
 * What a tensor is in the lazy graph: either a source (values given by the user, uploaded on first
 * use) or the result of one primitive op on other tensors. Realizing gives it a buffer slot.
 */
export interface GraphNode {
  readonly id: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** 'source' for values that came from the host; a primitive op otherwise. */
  readonly op: PrimitiveOp | 'source';
  readonly attrs: PrimitiveAttrs[PrimitiveOp] | undefined;
  /** Producers of this value; emptied once realized when autograd no longer needs them. */
  inputs: readonly GraphNode[];
  /** For scalars written as JS numbers in user code: the value, which kernels may inline. */
  readonly literal?: number;
  /** Host values of a source that has not been uploaded yet. */
  pending: TypedArray | undefined;
  slot: BufferSlot | undefined;
  readonly requiresGrad: boolean;
  /** Autograd stops here: the value is used, its history is not differentiated. */
  readonly detached: boolean;
  /** Set by dispose(): the value is gone and must not be recomputed. */
  disposed: boolean;
  /** Takes ownership of a freshly realized buffer. */
  adoptSlot(slot: BufferSlot): void;
}

let nextNodeId = 1;

export function newNodeId(): number {
  return nextNodeId++;
}

/** "matmul #12" — how errors name the node at fault. */
export function nodeLabel(node: Pick<GraphNode, 'op' | 'id'>): string {
  return `${node.op} #${node.id}`;
}

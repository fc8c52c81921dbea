import type { DType, TypedArray } from '../dtype.js';
import type { PrimitiveAttrs, PrimitiveOp } from '../ops/primitive-op.js';

/** A buffer is named by a number the graph chooses, so programs are plain data that can cross threads. */
export type BufferId = number;

export interface BufferRef {
  id: BufferId;
  shape: readonly number[];
  dtype: DType;
}

/** One kernel launch: the output buffer is created by the backend with the output's shape and dtype. */
export interface Launch<Op extends PrimitiveOp = PrimitiveOp> {
  kind: 'launch';
  op: Op;
  attrs: PrimitiveAttrs[Op];
  inputs: readonly BufferRef[];
  output: BufferRef;
  /** What the user wrote, for error messages: e.g. "matmul #42". */
  label: string;
}

export type AnyLaunch = { [Op in PrimitiveOp]: Launch<Op> }[PrimitiveOp];

export interface FreeStep {
  kind: 'free';
  id: BufferId;
}

export type ProgramStep = AnyLaunch | FreeStep;

/** A scheduled list of launches and frees, in execution order. */
export interface Program {
  steps: readonly ProgramStep[];
}

/**
 * What the graph needs from a place that runs kernels. A backend is done when the shared op
 * conformance suite passes with its name as the parameter.
 */
export interface Backend {
  readonly name: string;
  /** Creates buffer `id` holding a copy of `data`. */
  write(id: BufferId, dtype: DType, data: TypedArray): void;
  /** The contents of buffer `id`, as a fresh array the caller owns. */
  read(id: BufferId): Promise<TypedArray>;
  free(id: BufferId): void;
  run(program: Program): void | Promise<void>;
}

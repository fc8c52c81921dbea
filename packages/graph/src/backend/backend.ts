import type { DType, TypedArray } from '../dtype.js';
import type { PrimitiveAttrs, PrimitiveOp } from '../ops/primitive-op.js';
import type { FusedExpr } from './fused-expr.js';

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
  /** Elementwise work applied to each output element after the op (bias, activation), in place. */
  epilogue?: Epilogue;
}

export interface Epilogue {
  /** `acc` is the op's own result; loads index `inputs`. */
  expr: FusedExpr;
  inputs: readonly BufferRef[];
}

export type AnyLaunch = { [Op in PrimitiveOp]: Launch<Op> }[PrimitiveOp];

/** A generated kernel: one pass over the output computing `expr` per element. */
export interface FusedLaunch {
  kind: 'fused';
  expr: FusedExpr;
  inputs: readonly BufferRef[];
  output: BufferRef;
  label: string;
}

export interface FreeStep {
  kind: 'free';
  id: BufferId;
}

export type ProgramStep = AnyLaunch | FusedLaunch | FreeStep;

/**
 * A scheduled list of launches and frees, in execution order. A launch's output id may name a
 * buffer that exists but is no longer read (the buffer plan reuses memory): the backend overwrites
 * it, reusing its storage when the size matches.
 */
export interface Program {
  steps: readonly ProgramStep[];
}

/**
 * A program made once by `compile(fn)` and replayed many times. Its buffer ids are its own:
 * `params` are bound to the caller's buffers at each replay, `results` receive fresh ids the
 * caller then owns, and every other id is a temporary of one replay.
 */
export interface ReplayableProgram extends Program {
  params: readonly BufferId[];
  results: readonly BufferId[];
}

/**
 * What the graph needs from a place that runs kernels. A backend is done when the shared op
 * conformance suite passes with its name as the parameter.
 */
export interface Backend {
  readonly name: string;
  /** What it runs on, for users choosing or debugging backends (e.g. the GPU adapter). */
  readonly description?: string;
  /** Creates buffer `id` holding a copy of `data`. */
  write(id: BufferId, dtype: DType, data: TypedArray): void;
  /** The contents of buffer `id`, as a fresh array the caller owns. */
  read(id: BufferId): Promise<TypedArray>;
  free(id: BufferId): void;
  run(program: Program): void | Promise<void>;
  /**
   * Optional: keeps a replayable program (e.g. in a worker) so each replay is one small message.
   * Backends without it get each replay as a `run` with the ids rewritten.
   */
  prepare?(program: ReplayableProgram): number;
  /**
   * Runs a prepared program on `params`, storing its results under `results`. `onStep`, when given,
   * hears each step's index in `program.steps` before it runs (a worker's progress record uses it
   * to name the op in flight).
   */
  replay?(programId: number, params: readonly BufferId[], results: readonly BufferId[], onStep?: (stepIndex: number) => void): void | Promise<void>;
  /** Forgets a prepared program (its compiled function was garbage-collected). */
  release?(programId: number): void;
}

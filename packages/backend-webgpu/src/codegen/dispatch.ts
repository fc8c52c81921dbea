/** Where a binding of a generated kernel gets its buffer from, when the backend launches it. */
export type BindingSource =
  | { kind: 'input'; index: number }
  | { kind: 'epilogue'; index: number }
  | { kind: 'output' }
  /** The backend's status buffer, where kernels report out-of-range indices (see index-check.ts). */
  | { kind: 'status' };

export type BindingAccess = 'read' | 'read_write';

export interface Binding {
  source: BindingSource;
  access: BindingAccess;
}

/** What a kernel reports through the status buffer when an index is out of range. */
export interface IndexCheck {
  op: 'gather' | 'scatterAdd';
  axis: number;
  size: number;
  /** Which parameter holds the launch's tag, which the kernel writes to the status buffer. */
  tagSlot: number;
}

/**
 * One compute dispatch, as plain data: the backend compiles `code` once (pipelines are cached by
 * it), binds the buffers `bindings` name, then a uniform buffer holding `params` when there are
 * any, and dispatches `workgroups`. Shapes and constants travel in `params`, so kernels that differ
 * only in sizes share one pipeline.
 */
export interface Dispatch {
  code: string;
  bindings: readonly Binding[];
  params: Uint32Array;
  workgroups: readonly [number, number, number];
  check?: IndexCheck;
}

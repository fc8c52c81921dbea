import type { Tensor } from '../tensor.js';

/** What `compile` records while it traces a function: nothing runs, effects are remembered. */
export interface Trace {
  /** Nodes with smaller ids existed before tracing: they are state the program reads, not code. */
  readonly firstNodeId: number;
  readonly assignments: [target: Tensor, value: Tensor][];
}

let active: Trace | undefined;

export function activeTrace(): Trace | undefined {
  return active;
}

/** Runs (and awaits) `fn` with `trace` recording; other Loom work must not interleave with a trace. */
export async function withTrace<T>(trace: Trace, fn: () => T | Promise<T>): Promise<T> {
  const previous = active;
  active = trace;
  try {
    return await fn();
  } finally {
    active = previous;
  }
}

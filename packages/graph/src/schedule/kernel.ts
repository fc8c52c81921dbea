import type { FusedExpr } from '../backend/fused-expr.js';
import type { GraphNode } from '../core/node.js';

/** Reads of other buffers by one generated expression: load `input: k` reads `sources[k]`. */
export interface ExprWithSources {
  expr: FusedExpr;
  sources: readonly GraphNode[];
}

/**
 * One kernel of a schedule, producing the value of `node`:
 * - 'fused': a generated elementwise kernel (chains of elementwise ops and free movement views);
 * - 'primitive': one primitive op (`base`) on `sources`, optionally followed by an elementwise
 *   epilogue fused into the same launch (matmul + bias + relu).
 */
export type ScheduledKernel =
  | ({ kind: 'fused'; node: GraphNode } & ExprWithSources)
  | { kind: 'primitive'; node: GraphNode; base: GraphNode; sources: readonly GraphNode[]; epilogue?: ExprWithSources };

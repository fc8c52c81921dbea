import { isContiguous, type FusedBinaryOp, type FusedExpr, type FusedUnaryOp } from '../backend/fused-expr.js';
import { sizeOf } from '../shape.js';
import type { GraphNode } from '../core/node.js';
import type { PrimitiveOp } from '../ops/primitive-op.js';
import type { ExprWithSources, ScheduledKernel } from './kernel.js';
import { applyViewOp, contiguousView, isViewOp, type ShapedView, type ViewStep } from './view.js';

const unaryOps: ReadonlySet<PrimitiveOp> = new Set<FusedUnaryOp>(['neg', 'exp', 'log', 'sqrt', 'sin', 'cos', 'tanh', 'abs', 'erf']);
const binaryOps: ReadonlySet<PrimitiveOp> = new Set<FusedBinaryOp>(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'lt']);
/** Ops whose result can take an elementwise epilogue in the same launch. */
const epilogueBases: ReadonlySet<PrimitiveOp | 'source'> = new Set<PrimitiveOp>(['matmul', 'conv2d', 'sum', 'max']);

export function isElementwise(node: GraphNode): boolean {
  return unaryOps.has(node.op as PrimitiveOp) || binaryOps.has(node.op as PrimitiveOp) || node.op === 'where' || node.op === 'cast';
}

/** Longest chain of elementwise ops in one generated kernel (deeper chains are split). */
const maxFusedDepth = 64;

export interface FusionOptions {
  /** Off: one kernel per primitive (the reference schedule tests compare against). */
  fuse: boolean;
}

/**
 * Groups the nodes to compute (in topological order) into kernels:
 * - movement ops become strided views read by their consumers (no copy) unless a primitive
 *   kernel needs them contiguous or the user asked for them;
 * - an elementwise node read once, by another elementwise node, is inlined into it;
 * - a matmul / conv2d / reduction read once, by an elementwise group, becomes that group's base
 *   and the group its epilogue.
 */
export interface Schedule {
  kernels: ScheduledKernel[];
  /** Nodes that are another buffer read under a new shape: key reads the value's buffer. */
  aliases: ReadonlyMap<GraphNode, GraphNode>;
}

export function fuse(order: readonly GraphNode[], targets: ReadonlySet<GraphNode>, { fuse }: FusionOptions): Schedule {
  if (!fuse) return { kernels: order.map((node) => ({ kind: 'primitive', node, base: node, sources: node.inputs })), aliases: new Map() };
  const inSchedule = new Set(order);
  const readers = new Map<GraphNode, GraphNode[]>();
  for (const node of order)
    for (const input of node.inputs) {
      const list = readers.get(input);
      if (list) list.push(node);
      else readers.set(input, [node]);
    }
  const readersOf = (n: GraphNode) => readers.get(n) ?? [];

  // Views: a movement node becomes a view of a buffer that exists when every step composes.
  const views = new Map<GraphNode, { base: GraphNode; view: ShapedView }>();
  const copies = new Set<GraphNode>(); // movement nodes that must be materialized
  for (const node of order) {
    if (!isViewOp(node.op)) continue;
    const input = node.inputs[0];
    const inner = views.get(input) ?? { base: input, view: contiguousView(input.shape) };
    const composed = applyViewOp(inner.view, { op: node.op, attrs: node.attrs } as ViewStep);
    if (composed) views.set(node, { base: inner.base, view: composed });
    else {
      copies.add(node);
      if (views.has(input)) copies.add(input);
    }
  }
  // A view read by a primitive kernel is copied, unless it is the base's own layout (a reshape):
  // then the kernel reads the base buffer under the view's shape.
  const aliases = new Map<GraphNode, GraphNode>();
  for (const [node, { base, view }] of views) {
    if (targets.has(node)) copies.add(node);
    else if (readersOf(node).some((r) => !isElementwise(r) && !isViewOp(r.op))) {
      if (isWholeLayout(view, base)) aliases.set(node, base);
      else copies.add(node);
    }
  }
  // Inline an elementwise node into its only reader, up to a depth that keeps generated code small.
  const inlined = new Set<GraphNode>();
  const depth = new Map<GraphNode, number>();
  for (const node of order) {
    if (!isElementwise(node)) continue;
    const d = 1 + Math.max(0, ...node.inputs.map((i) => (inlined.has(i) ? depth.get(i)! : 0)));
    depth.set(node, d);
    const [reader] = readersOf(node);
    if (d < maxFusedDepth && !targets.has(node) && readersOf(node).length === 1 && isElementwise(reader)) inlined.add(node);
  }
  const isInlined = (n: GraphNode) => inlined.has(n);
  const rootOf = (n: GraphNode): GraphNode => {
    let root = n;
    while (isInlined(root)) root = readersOf(root)[0];
    return root;
  };

  // Epilogue bases: absorbed into the kernel of the group that reads them.
  const baseOfRoot = new Map<GraphNode, GraphNode>();
  const absorbed = new Set<GraphNode>();
  for (const node of order) {
    const [reader] = readersOf(node);
    if (!epilogueBases.has(node.op) || targets.has(node) || readersOf(node).length !== 1 || !isElementwise(reader)) continue;
    const root = rootOf(reader);
    if (baseOfRoot.has(root) || root.dtype !== node.dtype) continue;
    baseOfRoot.set(root, node);
    absorbed.add(node);
  }

  const kernels: ScheduledKernel[] = [];
  for (const node of order) {
    if (absorbed.has(node) || isInlined(node) || (views.has(node) && !copies.has(node))) continue;
    if (copies.has(node) && views.has(node)) {
      const { base, view } = views.get(node)!;
      kernels.push({ kind: 'fused', node, ...buildGroup(node, undefined, () => loadOrConst(base, view)) });
    } else if (isElementwise(node)) {
      const base = baseOfRoot.get(node);
      const group = buildGroup(node, base, undefined);
      kernels.push(
        base
          ? { kind: 'primitive', node, base, sources: base.inputs, epilogue: group }
          : { kind: 'fused', node, ...group },
      );
    } else {
      kernels.push({ kind: 'primitive', node, base: node, sources: node.inputs });
    }
  }
  return { kernels, aliases };

  /** The expression of an elementwise group rooted at `root` (or of one load, for a copy). */
  function buildGroup(root: GraphNode, base: GraphNode | undefined, only: (() => Leaf) | undefined): ExprWithSources {
    const sources: GraphNode[] = [];
    const indexOf = (n: GraphNode) => {
      const i = sources.indexOf(n);
      return i >= 0 ? i : sources.push(n) - 1;
    };
    const toExpr = (leaf: Leaf): FusedExpr =>
      leaf.kind === 'const' ? leaf : { kind: 'load', input: indexOf(leaf.node), view: { strides: leaf.view.strides, offset: leaf.view.offset } };
    const build = (n: GraphNode, isRoot: boolean): FusedExpr => {
      if (n === base) return { kind: 'acc' };
      if (isRoot || (inSchedule.has(n) && isInlined(n))) return opExpr(n, (input) => build(input, false));
      const view = views.get(n);
      if (view && !copies.has(n)) return toExpr(loadOrConst(view.base, view.view));
      return toExpr(loadOrConst(n, contiguousView(n.shape)));
    };
    const expr = only ? toExpr(only()) : build(root, true);
    return { expr, sources };
  }
}

/** Whether a view reads all of `base` in its own row-major order (so it can alias the buffer). */
function isWholeLayout(view: ShapedView, base: GraphNode): boolean {
  return view.offset === 0 && sizeOf(view.shape) === sizeOf(base.shape) && isContiguous(view, view.shape);
}

type Leaf = { kind: 'const'; value: number; dtype: GraphNode['dtype'] } | { kind: 'load'; node: GraphNode; view: ShapedView };

/** Scalar literals (numbers written in user code) are folded into the kernel as constants. */
function loadOrConst(node: GraphNode, view: ShapedView): Leaf {
  if (node.literal !== undefined) return { kind: 'const', value: node.literal, dtype: node.dtype };
  return { kind: 'load', node, view };
}

function opExpr(node: GraphNode, input: (n: GraphNode) => FusedExpr): FusedExpr {
  const op = node.op;
  if (unaryOps.has(op as PrimitiveOp)) return { kind: 'unary', op: op as FusedUnaryOp, x: input(node.inputs[0]) };
  if (binaryOps.has(op as PrimitiveOp))
    return { kind: 'binary', op: op as FusedBinaryOp, a: input(node.inputs[0]), b: input(node.inputs[1]) };
  if (op === 'where') return { kind: 'where', cond: input(node.inputs[0]), a: input(node.inputs[1]), b: input(node.inputs[2]) };
  if (op === 'cast') return { kind: 'cast', dtype: node.dtype, x: input(node.inputs[0]) };
  throw new Error(`fuse: ${op} is not elementwise (internal error)`);
}

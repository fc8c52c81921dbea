import type { Backend, BufferRef } from '../backend/backend.js';
import { activeBackend } from '../backend/registry.js';
import { BufferSlot, byteSize, newBufferId, noteAllocated, noteFreed, noteRealize } from './buffer-slot.js';
import { nodeLabel, type GraphNode } from './node.js';
import { moveSlots } from './move-slots.js';
import { fuse } from '../schedule/fuse.js';
import { planBuffers } from '../schedule/plan-buffers.js';
import { schedulerOptions } from '../schedule/options.js';
import { activeTrace } from '../compile/trace-state.js';

/** Realizes, except while compile() traces: then values stay lazy and become part of the program. */
export async function realizeUnlessTracing(targets: readonly GraphNode[]): Promise<void> {
  if (!activeTrace()) await realizeNodes(targets);
}

/**
 * Computes the values of `targets` in one program: collects the unrealized nodes they need (dead
 * nodes are never visited), orders them topologically, fuses them into kernels, plans buffers
 * (reused after their last reader), runs the program, and leaves a buffer slot on each target.
 * Returns the slots in `targets` order.
 */
export async function realizeNodes(targets: readonly GraphNode[]): Promise<BufferSlot[]> {
  if (activeTrace())
    throw new Error('cannot read tensor values inside a function compile() is tracing; return them instead');
  const backend = activeBackend();
  const { order, uploads: sourceUploads, elsewhere } = topologicalOrder(targets, backend);
  if (elsewhere.length) await moveSlots(elsewhere, backend);
  const targetSet = new Set(targets);
  const schedule = fuse(order, targetSet, schedulerOptions());
  const { kernels } = schedule;
  let uploads = 0;
  const refOf = (node: GraphNode): BufferRef => {
    if (!node.slot) {
      upload(node, backend); // a literal a primitive kernel reads as a buffer
      uploads++;
    }
    return { id: node.slot!.id, shape: node.shape, dtype: node.dtype };
  };
  const plan = planBuffers(schedule, targetSet, refOf);
  // Book-keeping mirrors the plan: its peak, then only the targets stay alive.
  noteAllocated(plan.peakBytes);
  noteFreed(plan.peakBytes);

  try {
    if (plan.steps.length) await backend.run({ steps: plan.steps });
  } catch (error) {
    for (const step of plan.steps)
      if (step.kind !== 'free')
        try {
          backend.free(step.output.id);
        } catch {
          // never created, or freed by the plan before the failure
        }
    throw error;
  }
  noteRealize({ kernels: kernels.length, buffersAllocated: plan.allocated + uploads + sourceUploads });

  for (const node of targetSet) {
    const ref = plan.outputs.get(node);
    if (!ref) continue;
    const bytes = byteSize(node.shape, node.dtype);
    noteAllocated(bytes);
    node.adoptSlot(new BufferSlot(ref.id, backend, bytes));
  }
  return targets.map((node) => node.slot!);
}

/**
 * The nodes to compute, inputs before outputs. Sources met on the way are uploaded; literals stay
 * on the host, since kernels fold them in as constants. Values realized on another backend are
 * listed in `elsewhere`, to be moved before the program runs.
 */
function topologicalOrder(
  targets: readonly GraphNode[],
  backend: Backend,
): { order: GraphNode[]; uploads: number; elsewhere: GraphNode[] } {
  const order: GraphNode[] = [];
  const elsewhere: GraphNode[] = [];
  let uploads = 0;
  const visited = new Set<GraphNode>();
  // Iterative DFS: user graphs (a 1,000-op chain) are deeper than the JS call stack allows.
  const stack: { node: GraphNode; expanded: boolean }[] = targets.map((node) => ({ node, expanded: false }));
  stack.reverse();
  while (stack.length) {
    const top = stack.pop()!;
    const { node } = top;
    if (top.expanded) {
      order.push(node);
      continue;
    }
    if (visited.has(node)) continue;
    visited.add(node);
    if (node.slot) {
      if (node.slot.backend !== backend) elsewhere.push(node);
      continue;
    }
    if (node.disposed) throw new Error(`${nodeLabel(node)} was disposed; its value is no longer available`);
    if (node.op === 'source') {
      if (node.literal !== undefined && !targets.includes(node)) continue;
      upload(node, backend);
      uploads++;
      continue;
    }
    stack.push({ node, expanded: true });
    for (let i = node.inputs.length - 1; i >= 0; i--) stack.push({ node: node.inputs[i], expanded: false });
  }
  return { order, uploads, elsewhere };
}

function upload(node: GraphNode, backend: Backend): void {
  if (!node.pending) throw new Error(`${nodeLabel(node)} has lost its value (its buffer was freed)`);
  const id = newBufferId();
  backend.write(id, node.dtype, node.pending);
  const bytes = byteSize(node.shape, node.dtype);
  noteAllocated(bytes);
  if (node.literal === undefined) node.pending = undefined; // literals stay foldable
  node.adoptSlot(new BufferSlot(id, backend, bytes));
}

import type { AnyLaunch, Backend, BufferRef, ProgramStep } from '../backend/backend.js';
import { activeBackend } from '../backend/registry.js';
import {
  BufferSlot,
  byteSize,
  newBufferId,
  noteAllocated,
  noteFreed,
  noteRealize,
} from './buffer-slot.js';
import { nodeLabel, type GraphNode } from './node.js';

/**
 * Computes the values of `targets` in one program: collects the unrealized nodes they need (dead
 * nodes are never visited), orders them topologically, frees every intermediate right after its
 * last reader, and leaves a buffer slot on each target. Returns the slots in `targets` order.
 */
export async function realizeNodes(targets: readonly GraphNode[]): Promise<BufferSlot[]> {
  const backend = activeBackend();
  const { order, uploads } = topologicalOrder(targets, backend);
  const targetSet = new Set(targets);
  const readers = new Map<GraphNode, number>();
  for (const node of order) for (const input of node.inputs) readers.set(input, (readers.get(input) ?? 0) + 1);

  const computed = new Map<GraphNode, BufferRef>();
  const steps: ProgramStep[] = [];
  for (const node of order) {
    const output: BufferRef = { id: newBufferId(), shape: node.shape, dtype: node.dtype };
    const inputs = node.inputs.map((input) => computed.get(input) ?? refOf(input));
    steps.push({ kind: 'launch', op: node.op, attrs: node.attrs, inputs, output, label: nodeLabel(node) } as AnyLaunch);
    computed.set(node, output);
    noteAllocated(byteSize(node.shape, node.dtype));
    for (const input of node.inputs) {
      const left = readers.get(input)! - 1;
      readers.set(input, left);
      const ref = computed.get(input);
      if (left === 0 && ref && !targetSet.has(input)) {
        steps.push({ kind: 'free', id: ref.id });
        noteFreed(byteSize(input.shape, input.dtype));
      }
    }
  }

  try {
    await backend.run({ steps });
  } catch (error) {
    releaseAfterFailure(backend, steps, computed);
    throw error;
  }
  noteRealize({ kernels: order.length, buffersAllocated: order.length + uploads });

  for (const node of targets) {
    const ref = computed.get(node);
    if (ref) node.adoptSlot(new BufferSlot(ref.id, backend, byteSize(node.shape, node.dtype)));
  }
  return targets.map((node) => node.slot!);
}

/** The buffer of an already realized node, uploading a pending source first. */
function refOf(node: GraphNode): BufferRef {
  if (!node.slot) throw new Error(`${nodeLabel(node)} has no value (internal error: not scheduled)`);
  return { id: node.slot.id, shape: node.shape, dtype: node.dtype };
}

function topologicalOrder(targets: readonly GraphNode[], backend: Backend): { order: GraphNode[]; uploads: number } {
  const order: GraphNode[] = [];
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
    if (node.slot && node.slot.backend !== backend)
      throw new Error(
        `${nodeLabel(node)} lives on the "${node.slot.backend.name}" backend but "${backend.name}" is active; ` +
          'create tensors after choosing the backend',
      );
    if (node.slot) continue;
    if (node.disposed) throw new Error(`${nodeLabel(node)} was disposed; its value is no longer available`);
    if (node.op === 'source') {
      upload(node, backend);
      uploads++;
      continue;
    }
    stack.push({ node, expanded: true });
    for (let i = node.inputs.length - 1; i >= 0; i--) stack.push({ node: node.inputs[i], expanded: false });
  }
  return { order, uploads };
}

function upload(node: GraphNode, backend: Backend): void {
  if (!node.pending) throw new Error(`${nodeLabel(node)} has lost its value (its buffer was freed)`);
  const id = newBufferId();
  backend.write(id, node.dtype, node.pending);
  const bytes = byteSize(node.shape, node.dtype);
  noteAllocated(bytes);
  node.pending = undefined;
  node.adoptSlot(new BufferSlot(id, backend, bytes));
}

/** A failed program may have created some outputs; free whatever it may have left alive. */
function releaseAfterFailure(
  backend: Backend,
  steps: readonly ProgramStep[],
  computed: ReadonlyMap<GraphNode, BufferRef>,
): void {
  const freedInPlan = new Set(steps.flatMap((s) => (s.kind === 'free' ? [s.id] : [])));
  for (const [node, ref] of computed) {
    try {
      backend.free(ref.id);
    } catch {
      // never created (the failure came before its launch) or already freed by the plan
    }
    if (!freedInPlan.has(ref.id)) noteFreed(byteSize(node.shape, node.dtype));
  }
}

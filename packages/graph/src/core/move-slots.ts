import type { Backend } from '../backend/backend.js';
import { isBackendLostError } from '../backend/backend-lost-error.js';
import { BufferSlot, noteAllocated, newBufferId } from './buffer-slot.js';
import { nodeLabel, type GraphNode } from './node.js';

/**
 * Moves the values of `nodes` that were realized on another backend onto `backend` (read there,
 * written here), so switching backends keeps every live tensor usable. Tensors sharing a buffer
 * keep sharing the moved one. A value whose backend can no longer give it back fails with an error
 * naming the tensor and why.
 */
export async function moveSlots(nodes: readonly GraphNode[], backend: Backend): Promise<void> {
  const moved = new Map<BufferSlot, Promise<BufferSlot>>();
  for (const node of nodes) {
    const old = node.slot;
    if (!old || old.backend === backend) continue;
    let next = moved.get(old);
    if (!next) {
      next = copySlot(node, old, backend);
      moved.set(old, next);
    }
    node.adoptSlot(await next);
  }
}

async function copySlot(node: GraphNode, old: BufferSlot, backend: Backend): Promise<BufferSlot> {
  let data;
  try {
    data = await old.backend.read(old.id);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    const gone = isBackendLostError(error) ? 'which was lost' : 'which could not give it back';
    throw new Error(
      `${nodeLabel(node)} lives on the "${old.backend.name}" backend, ${gone}, so it cannot move to "${backend.name}": ${cause}`,
      { cause: error },
    );
  }
  const id = newBufferId();
  backend.write(id, node.dtype, data);
  noteAllocated(old.bytes);
  return new BufferSlot(id, backend, old.bytes);
}

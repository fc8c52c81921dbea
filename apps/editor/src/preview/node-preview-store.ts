import { useSyncExternalStore } from 'react';
import type { NodePreview } from '../session/protocol.js';

type Listener = () => void;

/**
 * The live preview's latest output per node, readable from any component — the canvas's node cards
 * show it with `useNodePreview(node.id)` without sitting under the training dock. A node whose
 * value is being recomputed is `pending` until the next publish. A published preview with the key
 * of the one already held keeps the held object, so only recomputed nodes' cards re-render.
 */
export function createNodePreviewStore() {
  let previews: ReadonlyMap<string, NodePreview> = new Map();
  let pending: ReadonlySet<string> = new Set();
  const listeners = new Set<Listener>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    publish(next: ReadonlyMap<string, NodePreview>): void {
      const merged = new Map<string, NodePreview>();
      for (const [id, preview] of next) {
        const held = previews.get(id);
        merged.set(id, held && held.key === preview.key && !preview.error ? held : preview);
      }
      previews = merged;
      pending = new Set();
      notify();
    },
    /** Marks nodes as being recomputed (until the next publish or `settle`). */
    markPending(nodeIds: Iterable<string>): void {
      pending = new Set(nodeIds);
      notify();
    },
    /** Ends a pending state without new values (the request failed). */
    settle(): void {
      if (pending.size === 0) return;
      pending = new Set();
      notify();
    },
    get(nodeId: string): NodePreview | undefined {
      return previews.get(nodeId);
    },
    isPending(nodeId: string): boolean {
      return pending.has(nodeId);
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const nodePreviews = createNodePreviewStore();

/** One node's live-preview output (shape, statistics, a small image), or undefined. */
export function useNodePreview(nodeId: string): NodePreview | undefined {
  return useSyncExternalStore(nodePreviews.subscribe, () => nodePreviews.get(nodeId));
}

/** Whether the node's preview is being recomputed right now. */
export function useNodePreviewPending(nodeId: string): boolean {
  return useSyncExternalStore(nodePreviews.subscribe, () => nodePreviews.isPending(nodeId));
}

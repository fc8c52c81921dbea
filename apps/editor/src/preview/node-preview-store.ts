import { useSyncExternalStore } from 'react';
import type { NodePreview } from '../session/protocol.js';

type Listener = () => void;

/**
 * The live preview's latest output per node, readable from any component — the canvas's node cards
 * can show it with `useNodePreview(node.id)` without sitting under the training dock.
 */
export function createNodePreviewStore() {
  let previews: ReadonlyMap<string, NodePreview> = new Map();
  const listeners = new Set<Listener>();
  return {
    publish(next: ReadonlyMap<string, NodePreview>): void {
      previews = next;
      for (const listener of listeners) listener();
    },
    get(nodeId: string): NodePreview | undefined {
      return previews.get(nodeId);
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

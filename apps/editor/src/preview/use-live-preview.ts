import { useEffect, useMemo, useState } from 'react';
import type { ModelDocument } from '../model.js';
import type { NodePreview } from '../session/protocol.js';
import { sessionClient } from '../session/session-client.js';
import { structureKey } from '../session/document-structure.js';
import { nodePreviews } from './node-preview-store.js';

export interface LivePreview {
  previews: ReadonlyMap<string, NodePreview>;
  /** Nodes the last update recomputed (the rest came from the worker's cache). */
  recomputed: readonly string[];
  error?: string;
}

/**
 * One example flowing through the document, node by node, computed in the session worker. It is
 * requested again (debounced) only when the document's semantics change — a moved node changes
 * nothing — and the worker recomputes only the nodes whose ModelAnalysis cache key changed. It is
 * requested again when the weights change (`weightsVersion`: trained or restored), and paused while
 * `paused` (training) is true.
 */
export function useLivePreview(
  document: ModelDocument,
  paused: boolean,
  weightsVersion: string,
  delayMs = 250,
): LivePreview {
  const [state, setState] = useState<LivePreview>({ previews: new Map(), recomputed: [] });
  // Semantics only: moving a node changes no key, so it asks for nothing.
  const signature = useMemo(() => structureKey(document), [document.nodes, document.edges]);
  useEffect(() => {
    if (paused) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      sessionClient()
        .preview(document)
        .then(
          (result) => {
            if (cancelled) return;
            const previews = new Map(result.previews.map((p) => [p.nodeId, p]));
            setState({ previews, recomputed: result.recomputed });
            nodePreviews.publish(previews);
          },
          (e: unknown) =>
            !cancelled &&
            setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) })),
        );
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The document is read when the signature (its cache keys) changes.
  }, [signature, paused, weightsVersion, delayMs]);
  return state;
}

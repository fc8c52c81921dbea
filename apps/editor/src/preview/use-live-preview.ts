import { useEffect, useMemo, useRef, useState } from 'react';
import { useAnalysisOf } from '../editor-context.js';
import type { ModelAnalysis, ModelDocument } from '../model.js';
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
  const analysisOf = useAnalysisOf();
  const shownWeights = useRef(weightsVersion);
  useEffect(() => {
    if (paused) return;
    let cancelled = false;
    // Cards of the nodes this request will recompute show "computing…" until it answers.
    const weightsChanged = shownWeights.current !== weightsVersion;
    shownWeights.current = weightsVersion;
    nodePreviews.markPending(staleNodes(document, analysisOf(document), weightsChanged));
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
          (e: unknown) => {
            if (cancelled) return;
            nodePreviews.settle();
            setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) }));
          },
        );
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      nodePreviews.settle();
    };
    // The document is read when the signature (its cache keys) changes.
  }, [signature, paused, weightsVersion, delayMs]);
  return state;
}

/**
 * Nodes holding a preview that no longer fits: their cache key changed (an edit to them or
 * upstream), or — when the weights changed — every node but the dataset.
 */
function staleNodes(
  document: ModelDocument,
  analysis: ModelAnalysis,
  weightsChanged: boolean,
): string[] {
  return document.nodes
    .filter((node) => {
      const held = nodePreviews.get(node.id);
      if (!held) return false;
      if (weightsChanged && node.type !== 'dataset') return true;
      return !held.key.startsWith(`${analysis.cacheKey(node.id)}:`);
    })
    .map((node) => node.id);
}

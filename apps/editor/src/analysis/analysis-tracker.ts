/**
 * Keeps @loom/model's incremental ModelAnalysis in step with the editor's document: each new
 * document is diffed against the last one and only the semantic edits are applied, so a drag
 * re-analyses nothing and a parameter change re-analyses only what lies downstream.
 */
import { ModelAnalysis, nodeTypes, type ModelDocument } from '../model.js';
import type { AnalysisView } from '../flow/document-to-flow.js';
import { diffDocuments } from '../store/document-diff.js';

export interface AnalysisSnapshot extends AnalysisView {
  /** Node ids the last update re-analysed. */
  recomputed: readonly string[];
}

export function createAnalysisTracker(initial: ModelDocument) {
  let analysis = new ModelAnalysis(initial);
  let current = initial;
  let snapshot = makeSnapshot([]);

  function makeSnapshot(recomputed: readonly string[]): AnalysisSnapshot {
    const a = analysis;
    return {
      nodeType: (type) => nodeTypes.get(type),
      shapesOf: (nodeId) => a.shapesOf(nodeId),
      diagnostics: a.diagnostics(),
      recomputed,
    };
  }

  /** The analysis of `doc`; the same object as last time when nothing semantic changed. */
  function update(doc: ModelDocument): AnalysisSnapshot {
    if (doc === current) return snapshot;
    const edits = diffDocuments(current, doc);
    current = doc;
    if (edits.length === 0) return snapshot;
    const recomputed = new Set<string>();
    try {
      for (const edit of edits)
        for (const id of analysis.apply(edit).recomputed) recomputed.add(id);
    } catch {
      // An edit the analysis could not take incrementally: start over from the whole document.
      analysis = new ModelAnalysis(doc);
      doc.nodes.forEach((n) => recomputed.add(n.id));
    }
    snapshot = makeSnapshot([...recomputed]);
    return snapshot;
  }

  return {
    update,
    get snapshot() {
      return snapshot;
    },
    /** The live ModelAnalysis of `doc` (for canConnect, which would otherwise analyse from scratch). */
    analysisOf(doc: ModelDocument): ModelAnalysis {
      update(doc);
      return analysis;
    },
  };
}

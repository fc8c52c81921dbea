/**
 * Whether the user may draw an edge from `from` to `to`: @loom/model's canConnect, except that an
 * input which is already connected may be re-wired — the new edge replaces the old one (as
 * `connect` in document-ops does), so the question is asked of the document without the old edge.
 */
import { canConnect, type ModelAnalysis, type ModelDocument, type PortRef } from '../model.js';
import { removeElements } from '../store/document-ops.js';

export type ConnectVerdict = ReturnType<typeof canConnect>;

export function checkConnection(
  doc: ModelDocument,
  from: PortRef,
  to: PortRef,
  analysis?: ModelAnalysis,
): ConnectVerdict {
  const verdict = canConnect(doc, from, to, analysis);
  if (verdict.ok) return verdict;
  const occupying = doc.edges.find((e) => e.to.node === to.node && e.to.port === to.port);
  if (!occupying) return verdict;
  return canConnect(removeElements(doc, [], [occupying.id]), from, to);
}

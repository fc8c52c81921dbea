/**
 * The semantic edits that turn one document into another, in an order that is always valid to
 * apply (disconnect, remove, add, set params, connect). The editor feeds them to @loom/model's
 * incremental ModelAnalysis, so undo, paste or a template switch re-analyse only what changed.
 * Layout, name and training settings are not semantic and produce no edits.
 */
import type { DocEdge, DocNode, ModelDocument, ParamValue } from '../model.js';
import { sameValue } from './document-ops.js';

export type SemanticEdit =
  | { kind: 'addNode'; node: DocNode }
  | { kind: 'removeNode'; nodeId: string }
  | { kind: 'setParams'; nodeId: string; params: Record<string, ParamValue> }
  | { kind: 'connect'; edge: DocEdge }
  | { kind: 'disconnect'; edgeId: string };

function sameEdge(a: DocEdge, b: DocEdge): boolean {
  return (
    a.from.node === b.from.node &&
    a.from.port === b.from.port &&
    a.to.node === b.to.node &&
    a.to.port === b.to.port
  );
}

export function diffDocuments(before: ModelDocument, after: ModelDocument): SemanticEdit[] {
  if (before.nodes === after.nodes && before.edges === after.edges) return [];
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(before.edges.map((e) => [e.id, e]));
  const newEdges = new Map(after.edges.map((e) => [e.id, e]));

  // A node whose type changed under the same id is removed and added again.
  const replaced = new Set(
    after.nodes
      .filter((n) => oldNodes.has(n.id) && oldNodes.get(n.id)!.type !== n.type)
      .map((n) => n.id),
  );
  const touchesReplaced = (e: DocEdge) => replaced.has(e.from.node) || replaced.has(e.to.node);

  const edits: SemanticEdit[] = [];
  for (const e of before.edges) {
    const kept = newEdges.get(e.id);
    if (!kept || !sameEdge(e, kept) || touchesReplaced(e))
      edits.push({ kind: 'disconnect', edgeId: e.id });
  }
  for (const n of before.nodes) {
    if (!newNodes.has(n.id) || replaced.has(n.id)) edits.push({ kind: 'removeNode', nodeId: n.id });
  }
  for (const n of after.nodes) {
    const old = oldNodes.get(n.id);
    if (!old || replaced.has(n.id)) {
      edits.push({ kind: 'addNode', node: n });
      continue;
    }
    const keys = new Set([...Object.keys(old.params), ...Object.keys(n.params)]);
    const changed = [...keys].filter((k) => !sameValue(old.params[k], n.params[k]));
    if (changed.length > 0)
      edits.push({
        kind: 'setParams',
        nodeId: n.id,
        params: Object.fromEntries(changed.map((k) => [k, n.params[k] ?? null])),
      });
  }
  for (const e of after.edges) {
    const old = oldEdges.get(e.id);
    if (!old || !sameEdge(e, old) || touchesReplaced(e)) edits.push({ kind: 'connect', edge: e });
  }
  return edits;
}

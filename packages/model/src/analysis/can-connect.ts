import type { ModelDocument, PortRef } from '../document/model-document.js';
import { nodeTypes } from '../node-types/registry.js';
import { ModelAnalysis } from './model-analysis.js';
import { formatType } from './tensor-type.js';

/**
 * Whether an edge from output `from` to input `to` may be added: both ports exist, the input is
 * free, the edge closes no cycle, and the type on `from` (when known) has the dtype and rank the
 * input accepts. Sizes that disagree with params (e.g. a Linear's inFeatures) are allowed — the
 * edit is legal and validation then reports the mismatch on the node.
 *
 * @example canConnect(doc, { node: 'flatten', port: 'out' }, { node: 'fc1', port: 'in' }) // { ok: true }
 */
export function canConnect(doc: ModelDocument, from: PortRef, to: PortRef, analysis: ModelAnalysis = new ModelAnalysis(doc)): { ok: true } | { ok: false; reason: string } {
  const graph = analysis.graph;
  const source = graph.nodes.get(from.node);
  const target = graph.nodes.get(to.node);
  if (!source) return { ok: false, reason: `There is no node "${from.node}"` };
  if (!target) return { ok: false, reason: `There is no node "${to.node}"` };
  const sourceType = nodeTypes.get(source.type);
  const targetType = nodeTypes.get(target.type);
  if (!sourceType || !targetType) return { ok: false, reason: `Unknown node type "${!sourceType ? source.type : target.type}"` };
  if (!sourceType.outputs.some((p) => p.name === from.port)) return { ok: false, reason: `${sourceType.title} has no output "${from.port}"` };
  const input = targetType.inputs.find((p) => p.name === to.port);
  if (!input) return { ok: false, reason: `${targetType.title} has no input "${to.port}"` };
  if (from.node === to.node || graph.reaches(to.node, from.node)) return { ok: false, reason: 'The connection would create a cycle' };
  const taken = graph.incoming.get(to.node)?.get(to.port);
  if (taken) return { ok: false, reason: `Input "${to.port}" is already connected (edge "${taken.id}")` };
  const type = analysis.typeOf(from);
  if (type && input.dtype !== 'any' && input.dtype !== type.dtype)
    return { ok: false, reason: `${targetType.title} input "${to.port}" needs ${input.dtype}, but this output is ${formatType(type)}` };
  if (type && input.rank && !input.rank.includes(type.shape.length))
    return { ok: false, reason: `${targetType.title} input "${to.port}" needs rank ${input.rank.join(' or ')}, but this output is ${formatType(type)}` };
  return { ok: true };
}

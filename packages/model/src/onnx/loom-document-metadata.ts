import type { DocNode, ModelDocument } from '../document/model-document.js';
import { parseDocument } from '../document/parse-document.js';

/**
 * The metadata_props key under which an exported model carries the whole document it came from.
 * ONNX keeps only what runs at inference; this brings back the rest on import (dataset, loss,
 * optimizer, training settings, layout), so a Loom export reopens as the model that was exported.
 */
export const loomDocumentKey = 'loom.document';

/** Node types that never compute inside the model; the importer writes input/output nodes in their place. */
const setupTypes: ReadonlySet<string> = new Set(['dataset', 'loss', 'optimizer', 'input', 'output']);

const computing = (nodes: readonly DocNode[]) => nodes.filter((n) => !setupTypes.has(n.type));

const sameNode = (a: DocNode, b: DocNode) => a.type === b.type && JSON.stringify(sortedParams(a)) === JSON.stringify(sortedParams(b));

const sortedParams = (n: DocNode) => Object.keys(n.params).sort().map((k) => [k, n.params[k]]);

/**
 * The document an export carried, when the graph rebuilt from the ONNX nodes has exactly its layers
 * (same ids, types and params): then the weights read from the initializers fit it. Undefined when
 * absent, malformed, or when another tool changed the graph (then the rebuilt graph stands).
 */
export function carriedDocument(metadata: readonly { key?: string; value?: string }[] | undefined, rebuilt: ModelDocument): ModelDocument | undefined {
  const entry = metadata?.find((m) => m.key === loomDocumentKey);
  if (!entry?.value) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(entry.value);
  } catch {
    return undefined;
  }
  const parsed = parseDocument(json);
  if (!parsed.ok) return undefined;
  const carried = computing(parsed.document.nodes);
  const layers = computing(rebuilt.nodes);
  if (carried.length !== layers.length) return undefined;
  const byId = new Map(carried.map((n) => [n.id, n]));
  return layers.every((n) => byId.has(n.id) && sameNode(n, byId.get(n.id)!)) ? parsed.document : undefined;
}

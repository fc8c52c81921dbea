import { hashString } from '../analysis/cache-key.js';
import type { ModelDocument } from '../document/model-document.js';

/**
 * The initialiser seed of a node: derived from the document's training seed and the node id, so a
 * document compiles to the same weights every time, and exported code reproduces them.
 */
export function nodeSeed(doc: ModelDocument, nodeId: string): number {
  return parseInt(hashString(nodeId, doc.training?.seed ?? 0), 36) % 2 ** 31;
}

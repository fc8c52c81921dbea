import type { ModelDocument } from '../model.js';

/** Nodes whose params never change the shape of the weights: what is trained on, and how. */
const setupTypes: ReadonlySet<string> = new Set(['dataset', 'loss', 'optimizer']);

/**
 * A hash of what the weights depend on — node ids, types and layer params, and the edges — but not
 * the layout, the name, the training settings or the params of the dataset, loss and optimizer:
 * saved weights fit a document exactly when its weights key is unchanged. FNV-1a over a canonical
 * JSON form, as 8 hex digits.
 */
export function weightsKey(document: Pick<ModelDocument, 'nodes' | 'edges'>): string {
  return semanticKey(document, (type) => !setupTypes.has(type));
}

/** Like weightsKey, but every node's params count: it changes with any semantic edit (a learning rate too). */
export function structureKey(document: Pick<ModelDocument, 'nodes' | 'edges'>): string {
  return semanticKey(document, () => true);
}

function semanticKey(
  document: Pick<ModelDocument, 'nodes' | 'edges'>,
  withParams: (type: string) => boolean,
): string {
  const nodes = [...document.nodes]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((n) => [
      n.id,
      n.type,
      withParams(n.type)
        ? Object.keys(n.params)
            .sort()
            .map((k) => [k, n.params[k]])
        : [],
    ]);
  const edges = document.edges
    .map((e) => `${e.from.node}.${e.from.port}>${e.to.node}.${e.to.port}`)
    .sort();
  return fnv1a(JSON.stringify([nodes, edges]));
}

export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

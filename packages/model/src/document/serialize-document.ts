import type { ModelDocument } from './model-document.js';

const topLevelOrder = ['format', 'version', 'name', 'description', 'nodes', 'edges', 'training', 'layout'];

/**
 * The document as stable, pretty JSON: top-level fields in a fixed order, node params sorted by
 * name, so saving the same model twice gives the same text (and small diffs).
 */
export function serializeDocument(doc: ModelDocument): string {
  const ordered: Record<string, unknown> = {};
  for (const key of topLevelOrder) if (doc[key as keyof ModelDocument] !== undefined) ordered[key] = doc[key as keyof ModelDocument];
  ordered.nodes = doc.nodes.map((node) => ({
    id: node.id,
    type: node.type,
    ...(node.label !== undefined ? { label: node.label } : {}),
    params: Object.fromEntries(Object.keys(node.params).sort().map((k) => [k, node.params[k]])),
  }));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

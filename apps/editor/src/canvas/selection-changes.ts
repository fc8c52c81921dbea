import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { Selection } from '../store/editor-store.js';

/**
 * Folds React Flow's select/deselect changes for nodes or edges into the store's selection; null
 * when the changes hold no selection change.
 */
export function applySelectionChanges(
  current: Selection,
  changes: readonly (NodeChange | EdgeChange)[],
  kind: 'nodes' | 'edges',
): Selection | null {
  const selects = changes.filter(
    (c): c is Extract<NodeChange | EdgeChange, { type: 'select' }> => c.type === 'select',
  );
  if (selects.length === 0) return null;
  const ids = new Set(current[kind]);
  for (const c of selects) {
    if (c.selected) ids.add(c.id);
    else ids.delete(c.id);
  }
  return { ...current, [kind]: [...ids] };
}

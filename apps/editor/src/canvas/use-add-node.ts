import { useCallback } from 'react';
import { defaultParams, type PortRef } from '../model.js';
import { useEditorStore } from '../editor-context.js';
import { addNode, connect, type XY } from '../store/document-ops.js';

/**
 * Adds a node of a registry type with its default params at a flow position; with `link`, also
 * connects it to the port a dangling edge came from — both as one undo step.
 */
export function useAddNode() {
  const store = useEditorStore();
  return useCallback(
    (
      type: string,
      position: XY,
      link?: { end: 'source' | 'target'; from: PortRef; port: string },
    ) => {
      let nodeId = '';
      store.update((doc) => {
        const added = addNode(doc, type, defaultParams(type), position);
        nodeId = added.nodeId;
        if (!link) return added.document;
        const mine = { node: added.nodeId, port: link.port };
        return link.end === 'source'
          ? connect(added.document, link.from, mine).document
          : connect(added.document, mine, link.from).document;
      });
      store.select({ nodes: [nodeId], edges: [] });
      return nodeId;
    },
    [store],
  );
}

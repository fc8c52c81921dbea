import type { ReactNode } from 'react';
import { useEditorState } from '../editor-context.js';
import { DocumentInspector } from './document-inspector.js';
import { NodeInspector } from './node-inspector.js';
import { EdgeInspector } from './edge-inspector.js';

/**
 * The right-hand panel: the selected node, or the document's settings when nothing is selected.
 * `children` is the mount point for the training half (backend selector, Train panel), shown below.
 */
export function Inspector({ children }: { children?: ReactNode }) {
  const { history, selection } = useEditorState();
  const doc = history.present;
  const nodes = selection.nodes
    .map((id) => doc.nodes.find((n) => n.id === id))
    .filter((n) => n !== undefined);
  const edges = selection.edges
    .map((id) => doc.edges.find((e) => e.id === id))
    .filter((e) => e !== undefined);
  let title = 'Model';
  let content = <DocumentInspector />;
  if (nodes.length === 1) {
    title = 'Node';
    content = <NodeInspector key={nodes[0].id} node={nodes[0]} />;
  } else if (nodes.length === 0 && edges.length === 1) {
    title = 'Connection';
    content = <EdgeInspector edge={edges[0]} />;
  } else if (nodes.length + edges.length > 1) {
    title = 'Selection';
    content = (
      <p className="placeholder">
        {nodes.length} nodes and {edges.length} connections selected. Copy, cut, duplicate or delete
        them together.
      </p>
    );
  }
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <h2 className="panel-title">{title}</h2>
      {content}
      {children && (
        <div className="inspector-slot" data-slot="training">
          {children}
        </div>
      )}
    </aside>
  );
}

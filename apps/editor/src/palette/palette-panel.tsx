import { useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import { nodeTypes } from '../model.js';
import { useAddNode } from '../canvas/use-add-node.js';
import { PaletteList } from './palette-list.js';

/** The palette beside the canvas: every registry type; click or Enter adds at the view's centre, or drag one in. */
export function PalettePanel() {
  const entries = useMemo(() => nodeTypes.list().map((nodeType) => ({ nodeType })), []);
  const addNode = useAddNode();
  const { screenToFlowPosition } = useReactFlow();

  function addAtCentre(type: string) {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = canvas
      ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
      : { x: 400, y: 300 };
    const p = screenToFlowPosition(centre);
    addNode(type, { x: Math.round(p.x - 100), y: Math.round(p.y - 40) });
  }

  return (
    <aside className="palette" data-testid="palette" aria-label="Node palette">
      <h2 className="panel-title">Palette</h2>
      <PaletteList
        entries={entries}
        onPick={(e) => addAtCentre(e.nodeType.type)}
        emptyText="The node registry is empty."
      />
    </aside>
  );
}

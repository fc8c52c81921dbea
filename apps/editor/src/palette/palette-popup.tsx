import { useEffect, useMemo, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { canConnect, defaultParams, nodeTypes } from '../model.js';
import { useEditorStore } from '../editor-context.js';
import { useAddNode } from '../canvas/use-add-node.js';
import type { PaletteRequest } from '../canvas/canvas.js';
import { compatibleEntries, type PaletteEntry } from './palette-search.js';
import { PaletteList } from './palette-list.js';

/** The size the popup keeps inside the window. */
const popupSize = { width: 300, height: 380 };

/**
 * The palette as a popup at the pointer (double-click or Space on the canvas). Opened by dropping a
 * dangling edge, it lists only node types that edge can attach to and connects the one picked.
 */
export function PalettePopup({ request, onClose }: { request: PaletteRequest; onClose(): void }) {
  const store = useEditorStore();
  const addNode = useAddNode();
  const { screenToFlowPosition } = useReactFlow();
  const ref = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(document.activeElement);

  const entries = useMemo(() => {
    const all = nodeTypes.list();
    if (!request.dangling) return all.map((nodeType) => ({ nodeType }));
    return compatibleEntries(store.document, all, request.dangling, canConnect, defaultParams);
  }, [request, store]);

  useEffect(() => {
    const focusBack = returnFocus.current;
    function onPointerDown(event: PointerEvent) {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    }
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      if (focusBack instanceof HTMLElement) focusBack.focus();
    };
  }, [onClose]);

  function pick(entry: PaletteEntry) {
    const p = screenToFlowPosition(request.at);
    const dangling = request.dangling;
    const link =
      dangling && entry.port
        ? { end: dangling.side, from: dangling.port, port: entry.port }
        : undefined;
    addNode(entry.nodeType.type, { x: Math.round(p.x), y: Math.round(p.y - 30) }, link);
    onClose();
  }

  const left = Math.max(8, Math.min(request.at.x, window.innerWidth - popupSize.width - 8));
  const top = Math.max(8, Math.min(request.at.y, window.innerHeight - popupSize.height - 8));
  return (
    <div
      ref={ref}
      className="palette-popup"
      role="dialog"
      aria-label={request.dangling ? 'Add a node to connect' : 'Add a node'}
      data-testid="palette-popup"
      style={{ left, top }}
    >
      {request.dangling && <div className="palette-popup-title">Connect to…</div>}
      <PaletteList
        entries={entries}
        onPick={pick}
        onCancel={onClose}
        autoFocus
        emptyText="No node type can take this edge."
      />
    </div>
  );
}

import { useCallback, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import {
  useAnalysis,
  useCanConnect,
  useEditorState,
  useEditorStore,
  useNotices,
} from '../editor-context.js';
import {
  toFlowEdges,
  toFlowNodes,
  toPortRefs,
  type LoomFlowEdge,
  type LoomFlowNode,
  type Measured,
} from '../flow/document-to-flow.js';
import type { DanglingEnd } from '../palette/palette-search.js';
import { nodeTypeMime } from '../palette/palette-list.js';
import { useAddNode } from './use-add-node.js';
import { NodeCard } from './node-card.js';
import { ShapeEdge } from './shape-edge.js';
import { ConnectionHint } from './connection-hint.js';
import { applySelectionChanges } from './selection-changes.js';

const nodeTypes = { loom: NodeCard };
const edgeTypes = { shape: ShapeEdge };

export interface PaletteRequest {
  /** Where to open, in screen (client) coordinates. */
  at: { x: number; y: number };
  /** Set when a dangling edge was dropped: list only what it can attach to. */
  dangling?: DanglingEnd;
}

interface CanvasProps {
  colorMode: 'light' | 'dark';
  onRequestPalette(request: PaletteRequest): void;
  /** A file dropped on the canvas (a .json document or an .onnx model) to open in its place. */
  onOpenFile?(file: File): void;
}

/** The model graph: React Flow over the store's document, labelled with the analysis' shapes. */
export function Canvas({ colorMode, onRequestPalette, onOpenFile }: CanvasProps) {
  const store = useEditorStore();
  const notices = useNotices();
  const { history, selection } = useEditorState();
  const doc = history.present;
  const analysis = useAnalysis();
  const addNode = useAddNode();
  const check = useCanConnect();
  const { screenToFlowPosition } = useReactFlow();
  const [measured, setMeasured] = useState<Measured>({});
  const gesture = useRef(0);

  const nodes = useMemo(
    () => toFlowNodes(doc, analysis, selection, measured),
    [doc, analysis, selection, measured],
  );
  const edges = useMemo(() => toFlowEdges(doc, analysis, selection), [doc, analysis, selection]);

  const onNodesChange = useCallback(
    (changes: NodeChange<LoomFlowNode>[]) => {
      const sizes: Measured = {};
      const moves: Record<string, { x: number; y: number }> = {};
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = c.dimensions;
        if (c.type === 'position' && c.position)
          moves[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
      }
      if (Object.keys(sizes).length) setMeasured((m) => ({ ...m, ...sizes }));
      if (Object.keys(moves).length) store.moveNodes(moves, `drag-${gesture.current}`);
      const next = applySelectionChanges(store.getState().selection, changes, 'nodes');
      if (next) store.select(next);
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<LoomFlowEdge>[]) => {
      const next = applySelectionChanges(store.getState().selection, changes, 'edges');
      if (next) store.select(next);
    },
    [store],
  );

  const isValidConnection: IsValidConnection<LoomFlowEdge> = useCallback(
    (c) => {
      const refs = toPortRefs(c);
      return refs !== null && check(refs.from, refs.to).ok;
    },
    [check],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const refs = toPortRefs(c);
      if (refs && check(refs.from, refs.to).ok) store.connect(refs.from, refs.to);
    },
    [store, check],
  );

  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state: FinalConnectionState) => {
      if (!state.fromNode || !state.fromHandle?.id) return;
      const fromSide = state.fromHandle.type;
      const here = { node: state.fromNode.id, port: state.fromHandle.id };
      if (state.toHandle?.id && state.toNode && state.isValid === false) {
        // Dropped on a port that refused the edge: say why.
        const there = { node: state.toNode.id, port: state.toHandle.id };
        const verdict = fromSide === 'source' ? check(here, there) : check(there, here);
        if (!verdict.ok) notices.show('error', `Cannot connect: ${verdict.reason}`);
        return;
      }
      if (!state.toNode && !state.toHandle) {
        const point = 'changedTouches' in event ? event.changedTouches[0] : event;
        if (point)
          onRequestPalette({
            at: { x: point.clientX, y: point.clientY },
            dangling: { side: fromSide, port: here },
          });
      }
    },
    [check, notices, onRequestPalette],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      const types = event.dataTransfer.types;
      if (types.includes(nodeTypeMime) || (onOpenFile && types.includes('Files'))) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }
    },
    [onOpenFile],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const file = event.dataTransfer.files[0];
      if (file && onOpenFile) {
        // Not the browser's default of navigating to the file.
        event.preventDefault();
        onOpenFile(file);
        return;
      }
      const type = event.dataTransfer.getData(nodeTypeMime);
      if (!type) return;
      event.preventDefault();
      addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [addNode, screenToFlowPosition, onOpenFile],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      if ((event.target as Element).classList.contains('react-flow__pane'))
        onRequestPalette({ at: { x: event.clientX, y: event.clientY } });
    },
    [onRequestPalette],
  );

  return (
    <main
      className="canvas"
      data-testid="canvas"
      aria-label="Model canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDoubleClick={onDoubleClick}
    >
      <ReactFlow<LoomFlowNode, LoomFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={() => (gesture.current += 1)}
        onNodeDragStop={() => store.endGesture()}
        onSelectionDragStart={() => (gesture.current += 1)}
        onSelectionDragStop={() => store.endGesture()}
        isValidConnection={isValidConnection}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        zoomOnDoubleClick={false}
        panActivationKeyCode={null}
        colorMode={colorMode}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <MiniMap
          style={{ width: 160, height: 110 }}
          pannable
          zoomable
          nodeClassName={(n) =>
            `minimap-node minimap-${(n as LoomFlowNode).data.spec?.category ?? 'unknown'}`
          }
          ariaLabel="Minimap"
        />
        <Controls showInteractive={false} />
        <ConnectionHint />
        {doc.nodes.length === 0 && (
          <div className="canvas-empty" data-testid="canvas-empty">
            <p className="canvas-empty-title">Start a model</p>
            <p>
              Drag a layer from the palette, double-click or press <kbd>Space</kbd> to search, or
              open one of the <strong>Templates</strong>.
            </p>
          </div>
        )}
      </ReactFlow>
    </main>
  );
}

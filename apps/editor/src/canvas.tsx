import { Background, Controls, MiniMap, ReactFlow, type Edge, type Node } from '@xyflow/react';

const noNodes: Node[] = [];
const noEdges: Edge[] = [];

/** The model graph canvas. Empty until the model document and node registry arrive. */
export function Canvas() {
  return (
    <main className="canvas" data-testid="canvas">
      <ReactFlow nodes={noNodes} edges={noEdges} fitView proOptions={{ hideAttribution: true }}>
        <Background />
        <MiniMap pannable zoomable />
        <Controls />
      </ReactFlow>
    </main>
  );
}

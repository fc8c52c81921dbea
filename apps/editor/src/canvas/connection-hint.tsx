import { useConnection, useReactFlow } from '@xyflow/react';
import { useCanConnect } from '../editor-context.js';

/** While an edge is dragged over a port that refuses it, says why (canConnect's reason) next to it. */
export function ConnectionHint() {
  const check = useCanConnect();
  const connection = useConnection();
  const { flowToScreenPosition } = useReactFlow();
  if (!connection.inProgress || connection.isValid !== false) return null;
  const { fromNode, fromHandle, toHandle, to } = connection;
  if (!toHandle?.id || !fromHandle.id) return null;
  const here = { node: fromNode.id, port: fromHandle.id };
  const there = { node: toHandle.nodeId, port: toHandle.id };
  const verdict = fromHandle.type === 'source' ? check(here, there) : check(there, here);
  if (verdict.ok) return null;
  const at = flowToScreenPosition(to);
  return (
    <div
      className="connection-hint"
      role="status"
      data-testid="connection-hint"
      style={{ left: at.x + 14, top: at.y + 14 }}
    >
      {verdict.reason}
    </div>
  );
}

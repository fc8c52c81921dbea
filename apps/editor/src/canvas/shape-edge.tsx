import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { LoomFlowEdge } from '../flow/document-to-flow.js';
import { useEditorStore } from '../editor-context.js';

/** An edge labelled with the shape it carries; red with its error when the analysis found one. */
export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<LoomFlowEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
  const error = data?.error ?? null;
  const label = data?.label ?? null;
  const store = useEditorStore();
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`shape-edge${error ? ' has-error' : ''}${selected ? ' is-selected' : ''}`}
      />
      {(label || error) && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${error ? ' has-error' : ''}${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-label"
            onClick={() => store.select({ nodes: [], edges: [id] })}
            title={error ?? undefined}
          >
            {label ?? '?'}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

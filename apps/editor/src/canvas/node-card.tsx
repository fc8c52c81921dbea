import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ParamValue, PortSpec } from '../model.js';
import type { LoomFlowNode } from '../flow/document-to-flow.js';
import { formatShape } from '../flow/format-shape.js';
import { categoryTitles } from '../palette/palette-search.js';
import { NodeCardPreview } from '../preview/node-card-preview.js';

/** How many parameters a card summarises under its title. */
const summaryParams = 3;

function formatValue(value: ParamValue | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'number')
    return String(Number.isInteger(value) ? value : Number(value.toPrecision(4)));
  return String(value);
}

function portTitle(port: PortSpec): string {
  return port.optional ? `${port.title}?` : port.title;
}

/** A node on the canvas: category-coloured header, labelled ports with their shapes, and its error if any. */
export const NodeCard = memo(function NodeCard({ data, selected }: NodeProps<LoomFlowNode>) {
  const { node, spec, shapes, diagnostics } = data;
  const error = diagnostics.find((d) => d.severity === 'error');
  const warning = diagnostics.find((d) => d.severity === 'warning');
  const title = node.label ?? spec?.title ?? node.type;
  const params = (spec?.params ?? []).slice(0, summaryParams);
  const category = spec?.category ?? 'unknown';
  return (
    <div
      className={`node-card${error ? ' has-error' : ''}${warning && !error ? ' has-warning' : ''}${selected ? ' is-selected' : ''}`}
      data-category={category}
      data-testid={`node-${node.id}`}
      aria-label={`${title} node${error ? `, error: ${error.message}` : ''}`}
    >
      <header className="node-card-header">
        <span className="node-card-category">
          {spec ? categoryTitles[spec.category] : 'Unknown type'}
        </span>
        <span className="node-card-title">{title}</span>
        <span className="node-card-id">{node.id}</span>
      </header>
      {params.length > 0 && (
        <dl className="node-card-params">
          {params.map((p) => (
            <div key={p.name}>
              <dt>{p.title}</dt>
              <dd>{formatValue(node.params[p.name] ?? p.default)}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="node-card-ports">
        <div className="node-card-inputs">
          {(spec?.inputs ?? []).map((port) => (
            <div key={port.name} className="port port-in" title={port.doc}>
              <Handle
                type="target"
                position={Position.Left}
                id={port.name}
                className="port-handle"
                aria-label={`${title} input ${port.title}`}
              />
              <span className="port-name">{portTitle(port)}</span>
            </div>
          ))}
        </div>
        <div className="node-card-outputs">
          {(spec?.outputs ?? []).map((port) => {
            const type = shapes?.[port.name];
            return (
              <div key={port.name} className="port port-out" title={port.doc}>
                <span className="port-name">{port.title}</span>
                {type && <span className="port-shape">{formatShape(type)}</span>}
                <Handle
                  type="source"
                  position={Position.Right}
                  id={port.name}
                  className="port-handle"
                  aria-label={`${title} output ${port.title}`}
                />
              </div>
            );
          })}
        </div>
      </div>
      {!error && <NodeCardPreview nodeId={node.id} />}
      {error && (
        <div className="node-card-message is-error" role="note" data-testid="node-error">
          {error.message}
        </div>
      )}
      {!error && warning && <div className="node-card-message is-warning">{warning.message}</div>}
    </div>
  );
});

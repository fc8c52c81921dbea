import type { DocNode } from '../model.js';
import { useAnalysis, useEditorStore } from '../editor-context.js';
import { formatShape } from '../flow/format-shape.js';
import { categoryTitles } from '../palette/palette-search.js';
import { NodeParams } from './node-params.js';

/** The selected node: what it is, its label, parameters, output shapes and problems. */
export function NodeInspector({ node }: { node: DocNode }) {
  const store = useEditorStore();
  const analysis = useAnalysis();
  const spec = analysis.nodeType(node.type);
  const diagnostics = analysis.diagnostics.filter((d) => d.nodeId === node.id);
  const shapes = analysis.shapesOf(node.id);
  return (
    <section
      className="inspector-section"
      aria-label={`Node ${node.id}`}
      data-category={spec?.category ?? 'unknown'}
    >
      <div className="inspector-node-head">
        <span className="inspector-category">
          {spec ? categoryTitles[spec.category] : 'Unknown type'}
        </span>
        <h3>{spec?.title ?? node.type}</h3>
        <code className="inspector-id">{node.id}</code>
      </div>
      {spec && <p className="inspector-description">{spec.description}</p>}
      <div className="field">
        <label htmlFor={`label-${node.id}`}>Label</label>
        <input
          id={`label-${node.id}`}
          type="text"
          value={node.label ?? ''}
          placeholder={spec?.title ?? node.type}
          onChange={(e) => store.setLabel(node.id, e.target.value)}
          onBlur={() => store.endGesture()}
        />
      </div>
      {diagnostics.length > 0 && (
        <ul className="diagnostic-list" aria-label="Problems">
          {diagnostics.map((d, i) => (
            <li key={i} className={`diagnostic is-${d.severity}`}>
              {d.message}
            </li>
          ))}
        </ul>
      )}
      {spec ? (
        <NodeParams node={node} spec={spec} diagnostics={diagnostics} />
      ) : (
        <p className="placeholder">The registry has no type “{node.type}”.</p>
      )}
      {shapes && Object.keys(shapes).length > 0 && (
        <div className="inspector-shapes">
          <h4>Outputs</h4>
          <dl>
            {Object.entries(shapes).map(([port, type]) => (
              <div key={port}>
                <dt>{port}</dt>
                <dd>{formatShape(type)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}

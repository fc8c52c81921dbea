import type { DocEdge } from '../model.js';
import { useAnalysis, useEditorStore } from '../editor-context.js';
import { formatShape } from '../flow/format-shape.js';

/** The selected edge: which ports it joins, the shape it carries, its problem if any. */
export function EdgeInspector({ edge }: { edge: DocEdge }) {
  const store = useEditorStore();
  const analysis = useAnalysis();
  const type = analysis.shapesOf(edge.from.node)?.[edge.from.port];
  const problems = analysis.diagnostics.filter((d) => d.edgeId === edge.id);
  return (
    <section className="inspector-section" aria-label="Edge">
      <h3>Connection</h3>
      <dl className="edge-facts">
        <div>
          <dt>From</dt>
          <dd>
            <code>
              {edge.from.node}.{edge.from.port}
            </code>
          </dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>
            <code>
              {edge.to.node}.{edge.to.port}
            </code>
          </dd>
        </div>
        <div>
          <dt>Carries</dt>
          <dd>
            <code>{type ? formatShape(type) : 'unknown shape'}</code>
          </dd>
        </div>
      </dl>
      {problems.length > 0 && (
        <ul className="diagnostic-list">
          {problems.map((d, i) => (
            <li key={i} className={`diagnostic is-${d.severity}`}>
              {d.message}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button" onClick={store.deleteSelection}>
        Delete connection
      </button>
    </section>
  );
}

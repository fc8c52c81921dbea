import type { ParamSpec, TrainingSettings } from '../model.js';
import { useAnalysis, useEditorDocument, useEditorStore } from '../editor-context.js';
import { defaultTraining } from '../store/document-ops.js';
import { categoryTitles } from '../palette/palette-search.js';
import { NodeParams } from './node-params.js';
import { ParamField } from './param-field.js';

/** The document's training settings, described as fields (the document schema's own ranges). */
const trainingFields: (ParamSpec & { name: keyof TrainingSettings })[] = [
  {
    name: 'epochs',
    title: 'Epochs',
    kind: 'int',
    default: defaultTraining.epochs,
    min: 1,
    max: 1000,
    doc: 'Passes over the training data.',
  },
  {
    name: 'batchSize',
    title: 'Batch size',
    kind: 'int',
    default: defaultTraining.batchSize,
    min: 1,
    max: 4096,
    doc: 'Samples per optimizer step.',
  },
  {
    name: 'seed',
    title: 'Seed',
    kind: 'int',
    default: null,
    nullable: true,
    doc: 'Fixes initial weights and shuffling; empty for a random seed.',
  },
  {
    name: 'validationSplit',
    title: 'Validation split',
    kind: 'float',
    default: null,
    nullable: true,
    min: 0,
    max: 0.9,
    doc: 'Share of the training data held out to validate each epoch.',
  },
];

/** With nothing selected: the model's name, how it trains, its data/loss/optimizer nodes and all problems. */
export function DocumentInspector() {
  const store = useEditorStore();
  const doc = useEditorDocument();
  const analysis = useAnalysis();
  const training = doc.training ?? defaultTraining;
  const setup = doc.nodes
    .map((node) => ({ node, spec: analysis.nodeType(node.type) }))
    .filter(
      ({ spec }) =>
        spec &&
        (spec.category === 'data' || spec.category === 'loss' || spec.category === 'optimizer'),
    );
  const problems = analysis.diagnostics;

  return (
    <>
      <section className="inspector-section" aria-label="Model">
        <div className="field">
          <label htmlFor="document-name">Model name</label>
          <input
            id="document-name"
            type="text"
            value={doc.name}
            onChange={(e) => store.rename(e.target.value)}
            onBlur={() => store.endGesture()}
          />
        </div>
        {doc.description && <p className="inspector-description">{doc.description}</p>}
      </section>
      <section className="inspector-section" aria-label="Training settings">
        <h3>Training</h3>
        <div className="fields fields-grid">
          {trainingFields.map((spec) => (
            <ParamField
              key={spec.name}
              idPrefix="training"
              spec={spec}
              value={training[spec.name] ?? null}
              onChange={(value) => store.setTraining({ [spec.name]: value ?? undefined })}
              onCommit={() => store.endGesture()}
            />
          ))}
        </div>
      </section>
      {setup.map(({ node, spec }) => (
        <section
          key={node.id}
          className="inspector-section"
          aria-label={`${spec!.title} ${node.id}`}
          data-category={spec!.category}
        >
          <h3>
            {categoryTitles[spec!.category]}: {node.label ?? spec!.title}
          </h3>
          <NodeParams
            node={node}
            spec={spec!}
            diagnostics={problems.filter((d) => d.nodeId === node.id)}
          />
        </section>
      ))}
      <section className="inspector-section" aria-label="Problems">
        <h3>Problems {problems.length > 0 && <span className="badge">{problems.length}</span>}</h3>
        {problems.length === 0 ? (
          <p className="placeholder">
            {doc.nodes.length
              ? 'No problems found.'
              : 'Add nodes from the palette, or open a template.'}
          </p>
        ) : (
          <ul className="diagnostic-list">
            {problems.map((d, i) => (
              <li key={i} className={`diagnostic is-${d.severity}`}>
                {d.nodeId ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => store.select({ nodes: [d.nodeId!], edges: [] })}
                  >
                    {d.message}
                  </button>
                ) : (
                  d.message
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

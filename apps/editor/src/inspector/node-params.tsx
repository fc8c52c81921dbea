import { paramApplies, type DocNode, type Diagnostic, type NodeType } from '../model.js';
import { useEditorStore } from '../editor-context.js';
import { datasetAvailability } from './dataset-availability.js';
import { ParamField } from './param-field.js';

/** Every parameter of one node, as its registry entry describes them. */
export function NodeParams({
  node,
  spec,
  diagnostics,
}: {
  node: DocNode;
  spec: NodeType;
  diagnostics: readonly Diagnostic[];
}) {
  const store = useEditorStore();
  if (spec.params.length === 0) return <p className="placeholder">No parameters.</p>;
  // Options that do not apply to the current choice (Adam's betas under SGD) are hidden.
  const shown = spec.params.filter((p) => paramApplies(p, node.params));
  const availability = node.type === 'dataset' ? datasetAvailability(node.params) : undefined;
  return (
    <div className="fields">
      {shown.map((p) => (
        <ParamField
          key={`${node.id}:${p.name}`}
          idPrefix={node.id}
          spec={p}
          value={node.params[p.name]}
          error={diagnostics.find((d) => d.field === p.name && d.severity === 'error')?.message}
          onChange={(value) => store.setParams(node.id, { [p.name]: value })}
          onCommit={() => store.endGesture()}
        />
      ))}
      {availability && (
        <p className="field-doc dataset-note" data-testid="dataset-note">
          {availability.note}
        </p>
      )}
      {availability?.warning && (
        <p className="field-error" role="alert" data-testid="dataset-warning">
          {availability.warning}
        </p>
      )}
    </div>
  );
}

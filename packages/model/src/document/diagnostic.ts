/**
 * A problem found in a document, located at the node, port, parameter field or edge at fault.
 * Every error carries at least one of nodeId, edgeId or field.
 */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** A stable machine-readable kind, e.g. 'cycle', 'missing-input', 'shape-mismatch', 'invalid-param'. */
  code: string;
  message: string;
  nodeId?: string;
  port?: string;
  /** A parameter name for node diagnostics; a JSON path (e.g. 'nodes.2.type') for schema errors. */
  field?: string;
  edgeId?: string;
}

/** True when any diagnostic is an error (warnings do not stop compilation). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

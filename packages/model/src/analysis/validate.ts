import type { Diagnostic } from '../document/diagnostic.js';
import { parseDocument } from '../document/parse-document.js';
import { ModelAnalysis } from './model-analysis.js';

/**
 * Every problem in a document at once — schema, structure (unknown types and ports, cycles,
 * doubly fed inputs), params, unconnected required inputs, dtypes and shapes — each located at its
 * node, port, field or edge. Accepts any JSON value: a value that is not a document gets schema
 * diagnostics, never an exception.
 *
 * @example validate(doc).filter((d) => d.severity === 'error')
 */
export function validate(doc: unknown): Diagnostic[] {
  const parsed = parseDocument(doc);
  if (!parsed.ok) return parsed.diagnostics;
  return new ModelAnalysis(parsed.document).diagnostics();
}

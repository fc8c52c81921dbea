/**
 * Turns text from a file, the URL or the database into a model document, or into one readable
 * error message. Nothing here touches the editor's current document: callers load only on success.
 */
import { parseDocument, type ModelDocument } from '../model.js';

export type ReadResult = { ok: true; document: ModelDocument } | { ok: false; error: string };

/** How many schema problems an error message lists before "and N more". */
const listedProblems = 3;

export function readDocumentValue(value: unknown, source: string): ReadResult {
  const parsed = parseDocument(value);
  if (parsed.ok) return parsed;
  const problems = parsed.diagnostics.map((d) => d.message);
  const more =
    problems.length > listedProblems ? ` (and ${problems.length - listedProblems} more)` : '';
  return {
    ok: false,
    error: `${source} is not a valid Loom model: ${problems.slice(0, listedProblems).join('; ')}${more}`,
  };
}

export function readDocumentText(text: string, source: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `${source} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return readDocumentValue(value, source);
}

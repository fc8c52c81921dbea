import { parseDocument, type ParseResult } from './parse-document.js';

/**
 * Reads a saved document from its JSON text: a syntax error becomes one located diagnostic
 * (code 'json', field '(document)'); otherwise the same result as `parseDocument`.
 * Save with `serializeDocument`.
 *
 * @example const result = loadDocument(await readFile('mlp.loom.json', 'utf8'));
 */
export function loadDocument(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, diagnostics: [{ severity: 'error', code: 'json', field: '(document)', message: `The document is not valid JSON: ${reason}` }] };
  }
  return parseDocument(json);
}

import type { z } from 'zod';
import type { Diagnostic } from './diagnostic.js';
import { migrateDocument } from './migrate-document.js';
import { modelDocumentSchema, type ModelDocument } from './model-document.js';

/** The result of parsing: a typed document, or schema diagnostics naming the node/edge and field at fault. */
export type ParseResult = { ok: true; document: ModelDocument } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Checks any JSON value against the document schema (after `migrateDocument`), reporting every
 * problem at once. Errors inside a node or edge carry its id (when it has one) and the field.
 *
 * @example const result = parseDocument(JSON.parse(text)); if (result.ok) compileModel(result.document);
 */
export function parseDocument(json: unknown): ParseResult {
  let migrated: unknown;
  try {
    migrated = migrateDocument(json);
  } catch (error) {
    return { ok: false, diagnostics: [{ severity: 'error', code: 'migration', field: 'version', message: String(error) }] };
  }
  const result = modelDocumentSchema.safeParse(migrated);
  if (result.success) return { ok: true, document: result.data };
  return { ok: false, diagnostics: result.error.issues.map((issue) => locateIssue(migrated, issue)) };
}

function locateIssue(raw: unknown, issue: z.core.$ZodIssue): Diagnostic {
  const path = issue.path.map(String);
  const diagnostic: Diagnostic = { severity: 'error', code: 'schema', message: '', field: path.length ? path.join('.') : '(document)' };
  const [collection, index, ...rest] = issue.path;
  if ((collection === 'nodes' || collection === 'edges') && typeof index === 'number') {
    const list: unknown = field(raw, collection);
    const item: unknown = Array.isArray(list) ? list[index] : undefined;
    const id = field(item, 'id');
    if (typeof id === 'string' && id.length > 0) {
      if (collection === 'nodes') diagnostic.nodeId = id;
      else diagnostic.edgeId = id;
    }
    if (rest.length) diagnostic.field = rest.map(String).join('.');
    if (collection === 'nodes' && rest[0] === 'params' && rest.length > 1) diagnostic.field = String(rest[1]);
  }
  const where = diagnostic.nodeId ? `node "${diagnostic.nodeId}"` : diagnostic.edgeId ? `edge "${diagnostic.edgeId}"` : path.join('.') || 'document';
  diagnostic.message = `${where}: ${diagnostic.field && diagnostic.field !== path.join('.') ? `${diagnostic.field}: ` : ''}${issue.message}`;
  return diagnostic;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

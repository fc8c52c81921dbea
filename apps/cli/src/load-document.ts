import { readFile } from 'node:fs/promises';
import { parseDocument, validate, type Diagnostic, type ModelDocument } from '@loom/model';
import { CliError } from './cli-error.js';

/** Where a diagnostic points in the JSON file: `nodes[3].params.outFeatures`, `edges[1]`, or its own field. */
export function diagnosticPath(raw: unknown, d: Diagnostic): string {
  const list = (key: 'nodes' | 'edges'): unknown[] => {
    const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
    return Array.isArray(value) ? value : [];
  };
  const indexOf = (key: 'nodes' | 'edges', id: string) => list(key).findIndex((item) => typeof item === 'object' && item !== null && (item as { id?: unknown }).id === id);
  if (d.nodeId !== undefined) {
    const i = indexOf('nodes', d.nodeId);
    const base = i >= 0 ? `nodes[${i}]` : `node "${d.nodeId}"`;
    if (!d.field) return d.port ? `${base} port ${d.port}` : base;
    const known = ['id', 'type', 'params', 'label'];
    return `${base}.${known.includes(d.field.split('.')[0]) ? d.field : `params.${d.field}`}`;
  }
  if (d.edgeId !== undefined) {
    const i = indexOf('edges', d.edgeId);
    return `${i >= 0 ? `edges[${i}]` : `edge "${d.edgeId}"`}${d.field ? `.${d.field}` : ''}`;
  }
  return (d.field ?? '(document)').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** "file: path: message" lines for the errors (then warnings) of a document. */
export function formatDiagnostics(file: string, raw: unknown, diagnostics: readonly Diagnostic[]): string {
  return [...diagnostics]
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
    .map((d) => `${file}: ${d.severity}: ${diagnosticPath(raw, d)}: ${d.message}`)
    .join('\n');
}

/** Reads JSON from a file; a missing file or bad JSON is an error naming the file. */
export async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Reads and checks a model document: schema, params, wiring and shapes. Any error fails with every
 * problem listed, each naming the field (`nodes[2].params.outFeatures: …`); warnings are returned.
 */
export async function loadDocument(file: string, edit?: (raw: unknown) => unknown): Promise<{ document: ModelDocument; warnings: string }> {
  const raw = edit ? edit(await readJson(file)) : await readJson(file);
  return checkDocument(file, raw);
}

/** Parses and validates an in-memory document the same way. */
export function checkDocument(file: string, raw: unknown): { document: ModelDocument; warnings: string } {
  const parsed = parseDocument(raw);
  if (!parsed.ok) throw new CliError(`${file} is not a valid Loom model:\n${formatDiagnostics(file, raw, parsed.diagnostics)}`);
  const diagnostics = validate(parsed.document);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new CliError(`${file} is not a valid Loom model:\n${formatDiagnostics(file, raw, diagnostics)}`);
  return { document: parsed.document, warnings: formatDiagnostics(file, raw, diagnostics) };
}

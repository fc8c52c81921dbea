import { describe, expect, it } from 'vitest';
import { templateDocument, templates } from '../templates/templates.js';
import { migrateDocument } from './migrate-document.js';
import { loadDocument } from './load-document.js';
import { parseDocument } from './parse-document.js';
import { serializeDocument } from './serialize-document.js';

describe('parseDocument and serializeDocument', () => {
  it.each(templates.map((t) => [t.id, t.document] as const))('%s survives a save and load unchanged', (_, doc) => {
    const loaded = parseDocument(JSON.parse(serializeDocument(doc)));
    expect(loaded).toEqual({ ok: true, document: doc });
  });

  it('writes the same text whatever order params were set in', () => {
    const a = templateDocument('mlp');
    const b = templateDocument('mlp');
    const fc1 = b.nodes.find((n) => n.id === 'fc1')!;
    fc1.params = Object.fromEntries(Object.entries(fc1.params).reverse());
    expect(serializeDocument(b)).toBe(serializeDocument(a));
  });

  it('rejects another format or version, naming the field', () => {
    const result = parseDocument({ ...templateDocument('mlp'), format: 'onnx', version: 7 });
    expect(result).toMatchObject({ ok: false, diagnostics: [{ field: 'format' }, { field: 'version' }] });
  });

  it('names the edge and the field of a malformed edge', () => {
    const doc: { edges: { from: unknown }[] } = templateDocument('mlp');
    doc.edges[1].from = { node: 'fc1' };
    expect(parseDocument(doc)).toMatchObject({ ok: false, diagnostics: [{ code: 'schema', edgeId: 'e2', field: 'from.port' }] });
  });

  it('reports a missing document as one located error', () => {
    expect(parseDocument(undefined)).toMatchObject({ ok: false, diagnostics: [{ code: 'schema', field: '(document)' }] });
  });
});

describe('loadDocument', () => {
  it('reads what serializeDocument wrote', () => {
    const doc = templateDocument('transformer');
    expect(loadDocument(serializeDocument(doc))).toEqual({ ok: true, document: doc });
  });

  it('reports text that is not JSON as one located error', () => {
    expect(loadDocument('{ "format": ')).toMatchObject({ ok: false, diagnostics: [{ severity: 'error', code: 'json', field: '(document)' }] });
  });
});

describe('migrateDocument', () => {
  it('leaves current documents alone', () => {
    const doc = templateDocument('cnn');
    expect(migrateDocument(doc)).toBe(doc);
  });

  it('applies migrations one version at a time up to the target', () => {
    const migrations = {
      1: (d: Record<string, unknown>) => ({ ...d, version: 2, steps: ['1→2'] }),
      2: (d: Record<string, unknown>) => ({ ...d, version: 3, steps: [...(d.steps as string[]), '2→3'] }),
    };
    expect(migrateDocument({ version: 1 }, migrations, 3)).toEqual({ version: 3, steps: ['1→2', '2→3'] });
  });

  it('refuses a migration that does not advance the version', () => {
    expect(() => migrateDocument({ version: 1 }, { 1: (d) => d }, 2)).toThrow(/did not change the version/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import type { ModelDocument } from '../document/model-document.js';
import { templateDocument } from '../templates/templates.js';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { carriedDocument, loomDocumentKey } from './loom-document-metadata.js';
import { useCpu } from '../testing/use-cpu.js';

const mlp = (): ModelDocument => ({
  ...templateDocument('mlp'),
  layout: { positions: { fc1: { x: 10, y: 20 } } },
});
const carrying = (doc: ModelDocument) => [{ key: loomDocumentKey, value: JSON.stringify(doc) }];
/** What the importer rebuilds from the ONNX nodes alone: input → layers → output. */
const rebuiltFrom = (doc: ModelDocument): ModelDocument => ({
  ...doc,
  nodes: [
    { id: 'input', type: 'input', params: { shape: [1, 28, 28] } },
    ...doc.nodes.filter((n) => !['dataset', 'loss', 'optimizer'].includes(n.type)),
    { id: 'output', type: 'output', params: {} },
  ],
});

describe('carriedDocument', () => {
  it('gives back the carried document when the rebuilt graph has the same layers', () => {
    expect(carriedDocument(carrying(mlp()), rebuiltFrom(mlp()))).toEqual(mlp());
  });

  it('keeps the rebuilt graph when a layer changed after export (another tool edited it)', () => {
    const edited = rebuiltFrom(mlp());
    edited.nodes = edited.nodes.map((n) => (n.id === 'fc3' ? { ...n, params: { ...n.params, outFeatures: 5 } } : n));
    expect(carriedDocument(carrying(mlp()), edited)).toBeUndefined();
  });

  it('ignores a missing or malformed entry', () => {
    expect(carriedDocument(undefined, rebuiltFrom(mlp()))).toBeUndefined();
    expect(carriedDocument([{ key: loomDocumentKey, value: '{"nodes": 3' }], rebuiltFrom(mlp()))).toBeUndefined();
  });
});

describe('a Loom export through importOnnx', () => {
  beforeAll(useCpu);

  it('reopens as the exported document, dataset, loss, optimizer and layout included', async () => {
    const doc = mlp();
    const { document, stateDict } = importOnnx(await exportOnnx(doc, compileModel(doc).module.stateDict()));
    expect(document).toEqual(doc);
    expect(Object.keys(stateDict).sort()).toEqual(Object.keys(compileModel(doc).module.stateDict()).sort());
  });
});

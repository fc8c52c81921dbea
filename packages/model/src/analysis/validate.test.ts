import { describe, expect, it } from 'vitest';
import { modelBuilder } from '../builder/model-builder.js';
import { templateDocument } from '../templates/templates.js';
import type { ModelDocument } from '../document/model-document.js';
import { validate } from './validate.js';

const errors = (doc: unknown) => validate(doc).filter((d) => d.severity === 'error');

function edit(doc: ModelDocument, id: string, params: Record<string, unknown>): ModelDocument {
  const node = doc.nodes.find((n) => n.id === id)!;
  Object.assign(node.params, params);
  return doc;
}

describe('validate', () => {
  it('reports a shape mismatch at the node and port, with both shapes and the node id', () => {
    const [error, ...rest] = errors(edit(templateDocument('mlp'), 'fc2', { inFeatures: 100 }));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'shape-mismatch', nodeId: 'fc2', port: 'in', edgeId: expect.any(String) });
    expect(error.message).toContain('"fc2"');
    expect(error.message).toBe('Linear "fc2" input "in": got [N, 128] float32, expected [N, 100] float32 (features on axis 1: 128 ≠ 100)');
  });

  it('reports every error at once, not only the first', () => {
    const doc = templateDocument('cnn');
    edit(doc, 'conv1', { inChannels: 3 });
    edit(doc, 'fc', { outFeatures: 0 });
    doc.edges = doc.edges.filter((e) => !(e.to.node === 'loss' && e.to.port === 'target'));
    expect(errors(doc).map((d) => [d.code, d.nodeId, d.port ?? d.field])).toEqual([
      ['shape-mismatch', 'conv1', 'in'],
      ['invalid-param', 'fc', 'outFeatures'],
      ['missing-input', 'loss', 'target'],
    ]);
  });

  it('names the nodes on a cycle', () => {
    const b = modelBuilder('cycle');
    const x = b.node('input', { shape: [4] }, {}, { id: 'x' }).out();
    const sum = b.node('add', {}, { a: x }, { id: 'sum' });
    const fc = b.layer('Linear', sum.out(), { inFeatures: 4, outFeatures: 4 }, { id: 'fc' });
    b.connect(fc, { node: 'sum', port: 'b' });
    b.node('output', {}, { in: fc }, { id: 'out' });
    const cycle = errors(b.build()).filter((d) => d.code === 'cycle');
    expect(cycle.map((d) => d.nodeId).sort()).toEqual(['fc', 'sum']);
  });

  it('reports unconnected required inputs but not optional ones', () => {
    const b = modelBuilder('attention');
    const q = b.node('input', { shape: [5, 8] }, {}, { id: 'q' }).out();
    b.node('MultiHeadAttention', { embedDim: 8, numHeads: 2 }, { query: q }, { id: 'mha' });
    b.node('Linear', { inFeatures: 8, outFeatures: 2 }, {}, { id: 'lonely' });
    expect(errors(b.build())).toMatchObject([{ code: 'missing-input', nodeId: 'lonely', port: 'in' }]);
  });

  it('reports a dtype mismatch on the port', () => {
    const b = modelBuilder('dtype');
    const ids = b.node('input', { shape: [4], dtype: 'int32' }, {}, { id: 'ids' }).out();
    b.layer('Linear', ids, { inFeatures: 4, outFeatures: 2 }, { id: 'fc' });
    expect(errors(b.build())).toMatchObject([{ code: 'dtype-mismatch', nodeId: 'fc', port: 'in' }]);
  });

  it('reports invalid params with their field: kind, range and options', () => {
    const doc = templateDocument('mlp');
    edit(doc, 'fc1', { outFeatures: 1.5 });
    edit(doc, 'optimizer', { kind: 'lbfgs', lr: -1 });
    expect(errors(doc).map((d) => [d.nodeId, d.field])).toEqual([
      ['fc1', 'outFeatures'],
      ['optimizer', 'kind'],
      ['optimizer', 'lr'],
    ]);
  });

  it('reports unknown types, unknown ports, dangling edges and doubly fed inputs at their node or edge', () => {
    const doc = templateDocument('linear-regression');
    doc.nodes.push({ id: 'mystery', type: 'Quantum', params: {} });
    doc.edges.push({ id: 'bad-port', from: { node: 'data', port: 'labels' }, to: { node: 'linear', port: 'in' } });
    doc.edges.push({ id: 'dangling', from: { node: 'ghost', port: 'out' }, to: { node: 'linear', port: 'in' } });
    doc.edges.push({ id: 'twice', from: { node: 'data', port: 'inputs' }, to: { node: 'linear', port: 'in' } });
    expect(errors(doc).map((d) => [d.code, d.nodeId, d.edgeId])).toEqual([
      ['unknown-node-type', 'mystery', undefined],
      ['unknown-port', 'data', 'bad-port'],
      ['unknown-node', undefined, 'dangling'],
      ['input-already-connected', 'linear', 'twice'],
    ]);
  });

  it('locates schema errors in a node by its id and field', () => {
    const doc: { nodes: { params: unknown }[] } = templateDocument('mlp');
    doc.nodes[2].params = { inFeatures: { nested: true } };
    expect(errors(doc)).toMatchObject([{ code: 'schema', nodeId: 'fc1', field: 'inFeatures' }]);
  });

  it('warns about params a node type does not have', () => {
    expect(validate(edit(templateDocument('mlp'), 'relu1', { inplace: true }))).toMatchObject([{ severity: 'warning', code: 'unknown-param', nodeId: 'relu1', field: 'inplace' }]);
  });

  it('rejects a second loss', () => {
    const doc = templateDocument('linear-regression');
    doc.nodes.push({ id: 'loss2', type: 'loss', params: { kind: 'mse' } });
    doc.edges.push({ id: 'p2', from: { node: 'linear', port: 'out' }, to: { node: 'loss2', port: 'prediction' } }, { id: 't2', from: { node: 'data', port: 'targets' }, to: { node: 'loss2', port: 'target' } });
    expect(errors(doc)).toMatchObject([{ code: 'multiple-losses', nodeId: 'loss2' }]);
  });

  it('reports loss targets that do not fit the prediction', () => {
    const doc = edit(templateDocument('mlp'), 'loss', { kind: 'mse' });
    const [error] = errors(doc);
    expect(error).toMatchObject({ code: 'dtype-mismatch', nodeId: 'loss', port: 'target' });
    expect(error.message).toContain('[N] int32');
  });

  it('refuses fewer class scores than the dataset has classes, naming both counts', () => {
    const [error, ...rest] = errors(edit(templateDocument('mlp'), 'fc3', { outFeatures: 5 }));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'too-few-classes', nodeId: 'loss', port: 'prediction' });
    expect(error.message).toBe('Loss "loss": the prediction from "fc3" has 5 class scores but mnist has 10 classes (labels 0–9); make its last size 10');
  });

  it('warns about more class scores than classes, and checks per-dataset class counts', () => {
    expect(validate(edit(templateDocument('mlp'), 'fc3', { outFeatures: 12 }))).toMatchObject([{ severity: 'warning', code: 'extra-classes', nodeId: 'loss' }]);
    const codes = (doc: ModelDocument) => validate(doc).map((d) => d.code);
    const blobs = (classes: number) => edit(templateDocument('mlp'), 'data', { name: 'blobs', features: 784, classes });
    expect(codes(blobs(12))).toEqual(['too-few-classes']);
    expect(codes(blobs(10))).toEqual([]);
    expect(codes(blobs(3))).toEqual(['extra-classes']);
    expect(codes(edit(templateDocument('mlp'), 'loss', { kind: 'nllLoss' }))).toEqual([]);
  });

  it('leaves regression losses and non-dataset targets alone', () => {
    expect(validate(templateDocument('linear-regression'))).toEqual([]);
    for (const id of ['cnn', 'char-lstm', 'transformer'] as const) expect(validate(templateDocument(id))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { templateDocument } from '../templates/templates.js';
import { canConnect } from './can-connect.js';
import { applyEdit } from './model-analysis.js';

const unwired = () => applyEdit(templateDocument('mlp'), { kind: 'removeNode', nodeId: 'relu1' });

describe('canConnect', () => {
  it('allows a free input of a matching type', () => {
    expect(canConnect(unwired(), { node: 'fc1', port: 'out' }, { node: 'fc2', port: 'in' })).toEqual({ ok: true });
  });

  it('allows sizes that disagree with params (validation reports them on the node)', () => {
    expect(canConnect(unwired(), { node: 'flatten', port: 'out' }, { node: 'fc2', port: 'in' })).toEqual({ ok: true });
  });

  it('refuses a taken input', () => {
    expect(canConnect(templateDocument('mlp'), { node: 'fc1', port: 'out' }, { node: 'fc2', port: 'in' })).toMatchObject({ ok: false, reason: expect.stringContaining('already connected') });
  });

  it('refuses an edge that would close a cycle', () => {
    expect(canConnect(unwired(), { node: 'fc3', port: 'out' }, { node: 'fc2', port: 'in' })).toMatchObject({ ok: false, reason: expect.stringContaining('cycle') });
  });

  it('refuses a dtype the input does not accept', () => {
    const doc = templateDocument('char-lstm');
    const free = applyEdit(doc, { kind: 'disconnect', edgeId: doc.edges.find((e) => e.to.node === 'head')!.id });
    expect(canConnect(free, { node: 'data', port: 'targets' }, { node: 'head', port: 'in' })).toMatchObject({ ok: false, reason: expect.stringContaining('float32') });
  });

  it('refuses a rank the input does not accept', () => {
    const doc = templateDocument('cnn');
    const free = applyEdit(doc, { kind: 'disconnect', edgeId: doc.edges.find((e) => e.to.node === 'conv2')!.id });
    const withVector = applyEdit(free, { kind: 'addNode', node: { id: 'vector', type: 'input', params: { shape: [32] } } });
    expect(canConnect(withVector, { node: 'vector', port: 'out' }, { node: 'conv2', port: 'in' })).toMatchObject({ ok: false, reason: expect.stringContaining('rank 4') });
  });

  it('refuses ports that do not exist and output-to-output edges', () => {
    const doc = unwired();
    expect(canConnect(doc, { node: 'fc1', port: 'in' }, { node: 'fc2', port: 'in' })).toMatchObject({ ok: false });
    expect(canConnect(doc, { node: 'fc1', port: 'out' }, { node: 'fc2', port: 'out' })).toMatchObject({ ok: false });
    expect(canConnect(doc, { node: 'nope', port: 'out' }, { node: 'fc2', port: 'in' })).toMatchObject({ ok: false });
  });
});

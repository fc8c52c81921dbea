import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { templateDocument, templates } from '../templates/templates.js';
import { defaultParams, nodeTypes } from '../node-types/registry.js';
import { ModelAnalysis, type DocumentEdit } from './model-analysis.js';

describe('ModelAnalysis', () => {
  it('re-analyses only the edited node and what is downstream of it', () => {
    const analysis = new ModelAnalysis(templateDocument('mlp'));
    const { recomputed } = analysis.apply({ kind: 'setParams', nodeId: 'fc2', params: { outFeatures: 32 } });
    expect(recomputed).toEqual(['fc2', 'relu2', 'fc3', 'loss', 'optimizer']);
    expect(analysis.shapesOf('relu2')?.out.shape).toEqual(['N', 32]);
    expect(analysis.diagnostics()).toMatchObject([{ code: 'shape-mismatch', nodeId: 'fc3', port: 'in' }]);
  });

  it('keeps cache keys upstream of an edit and changes them downstream', () => {
    const analysis = new ModelAnalysis(templateDocument('cnn'));
    const before = Object.fromEntries(analysis.document.nodes.map((n) => [n.id, analysis.cacheKey(n.id)]));
    analysis.apply({ kind: 'setParams', nodeId: 'pool2', params: { kernelSize: 1 } });
    const changed = analysis.document.nodes.filter((n) => analysis.cacheKey(n.id) !== before[n.id]).map((n) => n.id);
    expect(changed).toEqual(['pool2', 'flatten', 'fc', 'loss', 'optimizer']);
  });

  it('gives equal nodes equal keys, and setting a param to its default keeps the key', () => {
    const analysis = new ModelAnalysis(templateDocument('mlp'));
    expect(analysis.cacheKey('relu1')).not.toBe(analysis.cacheKey('relu2'));
    const key = analysis.cacheKey('fc1');
    const { recomputed } = analysis.apply({ kind: 'setParams', nodeId: 'fc1', params: { bias: true } });
    expect(recomputed).toEqual([]);
    expect(analysis.cacheKey('fc1')).toBe(key);
  });

  it('ignores labels and layout in cache keys', () => {
    const doc = templateDocument('mlp');
    const key = new ModelAnalysis(doc).cacheKey('fc3');
    doc.nodes.find((n) => n.id === 'fc2')!.label = 'hidden layer';
    doc.layout = { positions: {} };
    expect(new ModelAnalysis(doc).cacheKey('fc3')).toBe(key);
  });

  it('reports a missing input after a disconnect and clears it after reconnecting', () => {
    const analysis = new ModelAnalysis(templateDocument('linear-regression'));
    const edge = analysis.document.edges.find((e) => e.to.node === 'linear')!;
    expect(analysis.apply({ kind: 'disconnect', edgeId: edge.id }).recomputed).toEqual(['linear', 'loss', 'optimizer']);
    expect(analysis.diagnostics()).toMatchObject([{ code: 'missing-input', nodeId: 'linear', port: 'in' }]);
    expect(analysis.shapesOf('loss')).toBeUndefined();
    analysis.apply({ kind: 'connect', edge });
    expect(analysis.diagnostics()).toEqual([]);
    expect(analysis.shapesOf('loss')?.loss).toEqual({ dtype: 'float32', shape: [] });
  });

  it('removes a node with its edges and re-analyses what it fed', () => {
    const analysis = new ModelAnalysis(templateDocument('mlp'));
    const { document, recomputed } = analysis.apply({ kind: 'removeNode', nodeId: 'relu1' });
    expect(document.edges.some((e) => e.from.node === 'relu1' || e.to.node === 'relu1')).toBe(false);
    expect(document.layout?.positions.relu1).toBeUndefined();
    expect(recomputed).toEqual(['fc2', 'relu2', 'fc3', 'loss', 'optimizer']);
    expect(analysis.diagnostics()).toMatchObject([{ code: 'missing-input', nodeId: 'fc2' }]);
  });

  it('analyses an added node and nothing else', () => {
    const analysis = new ModelAnalysis(templateDocument('mlp'));
    expect(analysis.apply({ kind: 'addNode', node: { id: 'extra', type: 'ReLU', params: {} } }).recomputed).toEqual(['extra']);
    expect(analysis.diagnosticsOf('extra')).toMatchObject([{ code: 'missing-input', port: 'in' }]);
  });

  it('recomputes nothing when a document is replaced by an equal one', () => {
    const analysis = new ModelAnalysis(templateDocument('transformer'));
    expect(analysis.apply({ kind: 'replace', document: templateDocument('transformer') }).recomputed).toEqual([]);
  });

  it('reports a cycle made by an edit and recovers when it is undone', () => {
    const analysis = new ModelAnalysis(templateDocument('mlp'));
    analysis.apply({ kind: 'setParams', nodeId: 'fc3', params: { outFeatures: 784 } });
    analysis.apply({ kind: 'disconnect', edgeId: analysis.document.edges.find((e) => e.to.node === 'flatten')!.id });
    analysis.apply({ kind: 'connect', edge: { id: 'back', from: { node: 'fc3', port: 'out' }, to: { node: 'flatten', port: 'in' } } });
    expect(analysis.diagnostics().filter((d) => d.code === 'cycle').map((d) => d.nodeId)).toEqual(['flatten', 'fc1', 'relu1', 'fc2', 'relu2', 'fc3']);
    expect(analysis.shapesOf('fc1')).toBeUndefined();
    analysis.apply({ kind: 'disconnect', edgeId: 'back' });
    analysis.apply({ kind: 'connect', edge: { id: 'forward', from: { node: 'data', port: 'inputs' }, to: { node: 'flatten', port: 'in' } } });
    expect(analysis.shapesOf('fc1')?.out.shape).toEqual(['N', 128]);
  });

  it('after any sequence of edits, agrees with a fresh analysis of the same document', () => {
    const typeNames = nodeTypes.list().map((t) => t.type);
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('setParams'), at: fc.nat(), param: fc.nat(), value: fc.oneof(fc.integer({ min: -1, max: 130 }), fc.boolean(), fc.constant(null)) }),
      fc.record({ kind: fc.constant('removeNode'), at: fc.nat() }),
      fc.record({ kind: fc.constant('addNode'), type: fc.constantFrom(...typeNames) }),
      fc.record({ kind: fc.constant('connect'), from: fc.nat(), to: fc.nat(), fromPort: fc.nat(), toPort: fc.nat() }),
      fc.record({ kind: fc.constant('disconnect'), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...templates.map((t) => t.id)), fc.array(edit, { maxLength: 8 }), (id, edits) => {
        const analysis = new ModelAnalysis(templateDocument(id));
        let counter = 0;
        for (const e of edits) {
          const nodes = analysis.document.nodes;
          const node = (i: number) => nodes[i % nodes.length];
          let change: DocumentEdit | undefined;
          if (e.kind === 'addNode') change = { kind: 'addNode', node: { id: `n${counter++}`, type: e.type, params: defaultParams(e.type) } };
          else if (!nodes.length) continue;
          else if (e.kind === 'setParams') {
            const specs = nodeTypes.get(node(e.at).type)!.params;
            if (specs.length) change = { kind: 'setParams', nodeId: node(e.at).id, params: { [specs[e.param % specs.length].name]: e.value } };
          } else if (e.kind === 'removeNode') change = { kind: 'removeNode', nodeId: node(e.at).id };
          else if (e.kind === 'connect') {
            const [from, to] = [node(e.from), node(e.to)];
            const outs = nodeTypes.get(from.type)!.outputs;
            const ins = nodeTypes.get(to.type)!.inputs;
            if (outs.length && ins.length)
              change = { kind: 'connect', edge: { id: `c${counter++}`, from: { node: from.id, port: outs[e.fromPort % outs.length].name }, to: { node: to.id, port: ins[e.toPort % ins.length].name } } };
          } else if (analysis.document.edges.length) change = { kind: 'disconnect', edgeId: analysis.document.edges[e.at % analysis.document.edges.length].id };
          if (change) analysis.apply(change);
        }
        const fresh = new ModelAnalysis(analysis.document);
        expect(analysis.diagnostics()).toEqual(fresh.diagnostics());
        for (const n of analysis.document.nodes) {
          expect(analysis.shapesOf(n.id)).toEqual(fresh.shapesOf(n.id));
          expect(analysis.cacheKey(n.id)).toBe(fresh.cacheKey(n.id));
        }
      }),
      { numRuns: 150 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ModelAnalysis, templateDocument } from '../model.js';
import { createEditorStore } from '../store/editor-store.js';
import { createAnalysisTracker } from './analysis-tracker.js';

function mlp() {
  const store = createEditorStore();
  const input = store.addNode('input', { shape: [784], dtype: 'float32' }, { x: 0, y: 0 });
  const fc1 = store.addNode(
    'Linear',
    { inFeatures: 784, outFeatures: 128, bias: true },
    { x: 1, y: 0 },
  );
  const relu = store.addNode('ReLU', {}, { x: 2, y: 0 });
  store.connect({ node: input, port: 'out' }, { node: fc1, port: 'in' });
  store.connect({ node: fc1, port: 'out' }, { node: relu, port: 'in' });
  return { store, input, fc1, relu };
}

describe('the analysis tracker', () => {
  it('infers shapes along the edges of the document', () => {
    const { store, fc1, relu } = mlp();
    const tracker = createAnalysisTracker(store.document);
    const snapshot = tracker.update(store.document);
    expect(snapshot.shapesOf(fc1)?.out?.shape).toEqual(['N', 128]);
    expect(snapshot.shapesOf(relu)?.out?.shape).toEqual(['N', 128]);
  });

  it('re-analyses only what lies downstream of a parameter change', () => {
    const { store, input, fc1, relu } = mlp();
    const tracker = createAnalysisTracker(store.document);
    store.setParams(fc1, { outFeatures: 64 });
    const snapshot = tracker.update(store.document);
    expect(snapshot.recomputed).toContain(fc1);
    expect(snapshot.recomputed).toContain(relu);
    expect(snapshot.recomputed).not.toContain(input);
    expect(snapshot.shapesOf(relu)?.out?.shape).toEqual(['N', 64]);
  });

  it('keeps the same snapshot when only the layout changed', () => {
    const { store, fc1 } = mlp();
    const tracker = createAnalysisTracker(store.document);
    const before = tracker.update(store.document);
    store.moveNodes({ [fc1]: { x: 300, y: 300 } });
    expect(tracker.update(store.document)).toBe(before);
  });

  it('agrees with a fresh analysis after edits, undo and redo', () => {
    const { store, fc1, relu } = mlp();
    const tracker = createAnalysisTracker(store.document);
    const steps = [
      () => store.setParams(fc1, { outFeatures: 10 }),
      () => store.select({ nodes: [relu], edges: [] }),
      () => store.deleteSelection(),
      () => store.undo(),
      () => store.redo(),
      () => store.undo(),
      () => store.load(templateDocument('cnn')),
      () => store.undo(),
    ];
    for (const step of steps) {
      step();
      const incremental = tracker.update(store.document);
      const fresh = new ModelAnalysis(store.document);
      for (const node of store.document.nodes)
        expect(incremental.shapesOf(node.id)).toEqual(fresh.shapesOf(node.id));
      expect(incremental.diagnostics.map((d) => d.message).sort()).toEqual(
        fresh
          .diagnostics()
          .map((d) => d.message)
          .sort(),
      );
    }
  });
});

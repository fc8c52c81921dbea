import { describe, expect, it } from 'vitest';
import { createEditorStore } from './editor-store.js';
import { moveNodes } from './document-ops.js';

function mlpStore() {
  const store = createEditorStore();
  const input = store.addNode('input', { shape: [784] }, { x: 0, y: 0 });
  const linear = store.addNode('Linear', { inFeatures: 784, outFeatures: 10 }, { x: 200, y: 0 });
  const relu = store.addNode('ReLU', {}, { x: 400, y: 0 });
  store.connect({ node: input, port: 'out' }, { node: linear, port: 'in' });
  store.connect({ node: linear, port: 'out' }, { node: relu, port: 'in' });
  return { store, input, linear, relu };
}

describe('the editor store', () => {
  it('undo removes the last connection and redo brings it back', () => {
    const { store } = mlpStore();
    expect(store.document.edges).toHaveLength(2);
    store.undo();
    expect(store.document.edges).toHaveLength(1);
    store.redo();
    expect(store.document.edges).toHaveLength(2);
  });

  it('undoes a whole drag gesture at once', () => {
    const { store, linear } = mlpStore();
    for (let x = 210; x <= 300; x += 10) store.moveNodes({ [linear]: { x, y: 5 } }, 'drag-1');
    store.endGesture();
    expect(store.document.layout?.positions[linear]).toEqual({ x: 300, y: 5 });
    store.undo();
    expect(store.document.layout?.positions[linear]).toEqual({ x: 200, y: 0 });
  });

  it('undoes typing into one parameter as one step', () => {
    const { store, linear } = mlpStore();
    store.setParams(linear, { outFeatures: 1 });
    store.setParams(linear, { outFeatures: 12 });
    store.setParams(linear, { outFeatures: 128 });
    store.undo();
    expect(store.document.nodes.find((n) => n.id === linear)?.params.outFeatures).toBe(10);
  });

  it('deleting a node removes its edges and undo restores both', () => {
    const { store, linear } = mlpStore();
    store.select({ nodes: [linear], edges: [] });
    store.deleteSelection();
    expect(store.document.nodes.map((n) => n.id)).not.toContain(linear);
    expect(store.document.edges).toHaveLength(0);
    store.undo();
    expect(store.document.nodes.map((n) => n.id)).toContain(linear);
    expect(store.document.edges).toHaveLength(2);
  });

  it('a second connection into the same input replaces the first', () => {
    const { store, input, relu } = mlpStore();
    store.connect({ node: input, port: 'out' }, { node: relu, port: 'in' });
    const into = store.document.edges.filter((e) => e.to.node === relu);
    expect(into).toHaveLength(1);
    expect(into[0]!.from.node).toBe(input);
  });

  it('pastes copied nodes with fresh ids, keeping the edges between them', () => {
    const { store, input, linear, relu } = mlpStore();
    store.select({ nodes: [linear, relu], edges: [] });
    store.copy();
    const pasted = store.paste();
    expect(pasted).toHaveLength(2);
    expect(pasted).not.toContain(linear);
    const doc = store.document;
    expect(doc.nodes).toHaveLength(5);
    const between = doc.edges.filter(
      (e) => pasted.includes(e.from.node) && pasted.includes(e.to.node),
    );
    expect(between).toHaveLength(1);
    // The edge from the input was not copied: its source was not selected.
    expect(doc.edges.filter((e) => e.from.node === input)).toHaveLength(1);
    expect(store.getState().selection.nodes).toEqual(pasted);
    const p = doc.layout!.positions;
    expect(p[pasted[0]!]).toEqual({ x: 240, y: 40 });
  });

  it('pasting twice cascades the copies instead of stacking them', () => {
    const { store, linear } = mlpStore();
    store.select({ nodes: [linear], edges: [] });
    store.copy();
    const [first] = store.paste();
    const [second] = store.paste();
    const p = store.document.layout!.positions;
    expect(p[second!]!.x - p[first!]!.x).toBe(40);
  });

  it('a paste is one undo step', () => {
    const { store, linear, relu } = mlpStore();
    store.select({ nodes: [linear, relu], edges: [] });
    store.copy();
    store.paste();
    store.undo();
    expect(store.document.nodes).toHaveLength(3);
    expect(store.document.edges).toHaveLength(2);
  });

  it('cut removes the selection and paste puts it back', () => {
    const { store, relu } = mlpStore();
    store.select({ nodes: [relu], edges: [] });
    store.cut();
    expect(store.document.nodes).toHaveLength(2);
    store.paste();
    expect(store.document.nodes.map((n) => n.type)).toContain('ReLU');
  });

  it('undo drops selected ids that no longer exist', () => {
    const { store, relu } = mlpStore();
    store.select({ nodes: [relu], edges: [] });
    store.undo(); // linear -> relu
    store.undo(); // input -> linear
    store.undo(); // the ReLU itself
    expect(store.getState().selection.nodes).toEqual([]);
  });

  it('loading a document can be undone; restoring one cannot', () => {
    const { store } = mlpStore();
    const other = { ...store.document, name: 'other', nodes: [], edges: [] };
    store.load(other);
    expect(store.document.name).toBe('other');
    store.undo();
    expect(store.document.nodes).toHaveLength(3);
    store.restore(other);
    expect(store.canUndo()).toBe(false);
  });

  it('notifies subscribers on change and not on a no-op', () => {
    const { store, linear } = mlpStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.setParams(linear, { outFeatures: 10 });
    expect(calls).toBe(0);
    store.setParams(linear, { outFeatures: 11 });
    expect(calls).toBe(1);
  });
});

describe('opening a document', () => {
  it('folds the layout that follows a load into the same undo step', () => {
    const { store } = mlpStore();
    const opened = {
      ...store.document,
      name: 'template',
      nodes: store.document.nodes.slice(0, 1),
      edges: [],
    };
    store.load(opened, { group: 'open-1' });
    store.update((doc) => moveNodes(doc, { [opened.nodes[0]!.id]: { x: 500, y: 500 } }), {
      group: 'open-1',
    });
    store.endGesture();
    expect(store.document.layout?.positions[opened.nodes[0]!.id]).toEqual({ x: 500, y: 500 });
    store.undo();
    expect(store.document.nodes).toHaveLength(3);
    expect(store.document.name).toBe('Untitled model');
  });
});

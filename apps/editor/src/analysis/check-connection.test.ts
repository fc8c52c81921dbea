import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../store/editor-store.js';
import { checkConnection } from './check-connection.js';

function graph() {
  const store = createEditorStore();
  const a = store.addNode('input', { shape: [4], dtype: 'float32' }, { x: 0, y: 0 });
  const b = store.addNode('input', { shape: [4], dtype: 'float32' }, { x: 0, y: 100 });
  const fc = store.addNode(
    'Linear',
    { inFeatures: 4, outFeatures: 2, bias: true },
    { x: 200, y: 0 },
  );
  const conv = store.addNode('Conv2d', {}, { x: 200, y: 200 });
  store.connect({ node: a, port: 'out' }, { node: fc, port: 'in' });
  return { store, a, b, fc, conv };
}

describe('checkConnection', () => {
  it('lets a connected input be re-wired to another source', () => {
    const { store, b, fc } = graph();
    expect(
      checkConnection(store.document, { node: b, port: 'out' }, { node: fc, port: 'in' }),
    ).toEqual({ ok: true });
  });

  it('still refuses a re-wiring that the types forbid, with the type reason', () => {
    const { store, b, conv } = graph();
    store.connect({ node: b, port: 'out' }, { node: conv, port: 'in' });
    const verdict = checkConnection(
      store.document,
      { node: b, port: 'out' },
      { node: conv, port: 'in' },
    );
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/rank 4/);
  });

  it('refuses an edge that would close a cycle', () => {
    const { store, fc } = graph();
    const relu = store.addNode('ReLU', {}, { x: 400, y: 0 });
    store.connect({ node: fc, port: 'out' }, { node: relu, port: 'in' });
    const verdict = checkConnection(
      store.document,
      { node: relu, port: 'out' },
      { node: fc, port: 'in' },
    );
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/cycle/) });
  });
});

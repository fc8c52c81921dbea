import { describe, expect, it } from 'vitest';
import { validate } from '../analysis/validate.js';
import { modelBuilder } from './model-builder.js';

describe('modelBuilder', () => {
  it('makes the document an editor would: typed params with defaults, edges by port, a layout', () => {
    const b = modelBuilder('tiny', 'two layers');
    const x = b.node('input', { shape: [3] }).out();
    const h = b.layer('Linear', x, { inFeatures: 3, outFeatures: 2 }, { label: 'hidden' });
    b.node('output', {}, { in: h });
    const doc = b.training({ epochs: 2, batchSize: 4 }).build();
    expect(doc).toMatchObject({ format: 'loom-model', version: 1, name: 'tiny', description: 'two layers', training: { epochs: 2, batchSize: 4 } });
    expect(doc.nodes).toEqual([
      { id: 'input1', type: 'input', params: { shape: [3], dtype: 'float32' } },
      { id: 'linear1', type: 'Linear', label: 'hidden', params: { inFeatures: 3, outFeatures: 2, bias: true } },
      { id: 'output1', type: 'output', params: {} },
    ]);
    expect(doc.edges.map((e) => `${e.from.node}.${e.from.port}→${e.to.node}.${e.to.port}`)).toEqual(['input1.out→linear1.in', 'linear1.out→output1.in']);
    expect(doc.layout?.positions).toEqual({ input1: { x: 0, y: 0 }, linear1: { x: 240, y: 0 }, output1: { x: 480, y: 0 } });
    expect(validate(doc)).toEqual([]);
  });

  it('refuses unknown types and duplicate ids', () => {
    const b = modelBuilder('bad');
    b.node('ReLU', {}, {}, { id: 'r' });
    expect(() => b.node('ReLU', {}, {}, { id: 'r' })).toThrow(/already exists/);
    // @ts-expect-error: the type name is checked at compile time too
    expect(() => b.node('Relu')).toThrow(/unknown node type/);
  });
});

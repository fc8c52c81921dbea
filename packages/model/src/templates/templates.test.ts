import { describe, expect, it } from 'vitest';
import { inferShapes } from '../analysis/infer-shapes.js';
import { validate } from '../analysis/validate.js';
import { templateDocument, templates } from './templates.js';

describe('templates', () => {
  it('ships one template per textbook model', () => {
    expect(templates.map((t) => t.id)).toEqual(['linear-regression', 'mlp', 'cnn', 'char-lstm', 'transformer']);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s validates without errors or warnings', (_, template) => {
    expect(validate(template.document)).toEqual([]);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s has a type on every port', (_, template) => {
    const { shapes } = inferShapes(template.document);
    for (const node of template.document.nodes) expect(shapes.has(node.id), node.id).toBe(true);
  });

  it('the CNN flattens 64 channels of 5×5 into the 1600 features its dense layer expects', () => {
    expect(inferShapes(templateDocument('cnn')).shapes.get('flatten')?.out).toEqual({ dtype: 'float32', shape: ['N', 1600] });
  });

  it('the character LSTM predicts one distribution over the vocabulary per position', () => {
    const doc = templateDocument('char-lstm');
    const vocabulary = doc.nodes.find((n) => n.id === 'embed')!.params.numEmbeddings;
    expect(inferShapes(doc).shapes.get('head')?.out).toEqual({ dtype: 'float32', shape: ['N', 32, vocabulary] });
  });

  it('hands out documents that are safe to edit', () => {
    const doc = templateDocument('mlp');
    doc.nodes[0].params.name = 'xor';
    expect(templates.find((t) => t.id === 'mlp')!.document.nodes[0].params.name).toBe('mnist');
  });
});

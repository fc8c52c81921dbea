import { beforeAll, describe, expect, it } from 'vitest';
import { randn, tensor } from '@loom/graph';
import { modelBuilder } from '../builder/model-builder.js';
import { templateDocument } from '../templates/templates.js';
import { useCpu } from '../testing/use-cpu.js';
import { compileModel } from './compile-model.js';
import { DocumentError } from './document-error.js';

beforeAll(useCpu);

describe('compileModel', () => {
  it('names each layer’s parameters by node id', () => {
    const { module } = compileModel(templateDocument('mlp'));
    expect(Object.keys(module.stateDict())).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias', 'fc3.weight', 'fc3.bias']);
    expect(module.parameterCount()).toBe(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
  });

  it('runs the graph from the dataset inputs to the loss’s prediction', async () => {
    const { module, inputs, output } = compileModel(templateDocument('cnn'));
    expect(inputs.map((i) => i.ref)).toEqual([{ node: 'data', port: 'inputs' }]);
    expect(output.type.shape).toEqual(['N', 10]);
    const y = module.forward(randn([2, 1, 28, 28], { seed: 1 }));
    expect(y.shape).toEqual([2, 10]);
    expect((await y.data()).every(Number.isFinite)).toBe(true);
  });

  it('gives the same weights every time a document compiles', async () => {
    const a = compileModel(templateDocument('linear-regression')).module.stateDict();
    const b = compileModel(templateDocument('linear-regression')).module.stateDict();
    expect(await a['linear.weight'].data()).toEqual(await b['linear.weight'].data());
  });

  it('computes residual connections through add nodes', async () => {
    const b = modelBuilder('residual');
    const x = b.node('input', { shape: [4] }, {}, { id: 'x' }).out();
    const h = b.layer('Linear', x, { inFeatures: 4, outFeatures: 4, bias: false }, { id: 'fc' });
    const sum = b.node('add', {}, { a: x, b: h }, { id: 'sum' }).out();
    b.node('output', {}, { in: sum }, { id: 'out' });
    const { module } = compileModel(b.build());
    const input = tensor([[1, 2, 3, 4]]);
    const expected = input.add(input.matmul(module.stateDict()['fc.weight'].transpose()));
    expect(await module.forward(input).data()).toEqual(await expected.data());
  });

  it('switches its layers between training and evaluation', async () => {
    const b = modelBuilder('dropout');
    const x = b.node('input', { shape: [64] }, {}, { id: 'x' }).out();
    b.node('output', {}, { in: b.layer('Dropout', x, { p: 0.5 }, { id: 'drop' }) });
    const { module } = compileModel(b.build());
    const input = tensor([Array.from({ length: 64 }, () => 1)]);
    expect(await module.eval().forward(input).data()).toEqual(await input.data());
    const trained = await module.train().forward(input).data();
    expect(trained.some((v) => v === 0)).toBe(true);
  });

  it('uses the loss node’s loss and the optimizer node’s optimizer', async () => {
    const compiled = compileModel(templateDocument('linear-regression'));
    const loss = compiled.loss(tensor([[1], [3]]), tensor([[0], [0]]));
    expect(await loss.item()).toBeCloseTo(5);
    expect(compiled.makeOptimizer().constructor.name).toBe('SGD');
    expect(compiled.training).toEqual({ epochs: 3, batchSize: 10, seed: 0 });
  });

  it('refuses a document with errors, listing them all with their nodes', () => {
    const doc = templateDocument('mlp');
    doc.nodes.find((n) => n.id === 'fc2')!.params.inFeatures = 100;
    doc.nodes.find((n) => n.id === 'fc3')!.params.outFeatures = -1;
    let error: unknown;
    try {
      compileModel(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).diagnostics.map((d) => [d.nodeId, d.code])).toEqual([
      ['fc2', 'shape-mismatch'],
      ['fc3', 'invalid-param'],
    ]);
  });

  it('refuses a model that reads the training targets', () => {
    const b = modelBuilder('leak');
    const data = b.node('dataset', { name: 'linear-regression' }, {}, { id: 'data' });
    const cheat = b.node('add', {}, { a: data.out('inputs'), b: data.out('targets') }, { id: 'cheat' }).out();
    b.node('output', {}, { in: cheat });
    expect(() => compileModel(b.build())).toThrow(DocumentError);
    try {
      compileModel(b.build());
    } catch (error) {
      expect((error as DocumentError).diagnostics).toMatchObject([{ code: 'reads-targets', nodeId: 'cheat', port: 'b' }]);
    }
  });
});

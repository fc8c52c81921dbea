import { beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import * as graph from '@loom/graph';
import * as nn from '@loom/nn';
import { compileModel } from '../compile/compile-model.js';
import { modelBuilder } from '../builder/model-builder.js';
import { templates } from '../templates/templates.js';
import { useCpu } from '../testing/use-cpu.js';
import { exportTypeScript } from './export-typescript.js';
import type { ModelDocument } from '../document/model-document.js';

beforeAll(useCpu);

interface ExportedModule {
  loss(prediction: graph.Tensor, target: graph.Tensor): graph.Tensor;
  makeOptimizer(model: nn.Module): nn.Optimizer;
  training: { epochs: number; batchSize: number };
  [className: string]: unknown;
}

/** Compiles the exported TypeScript (type errors included) and evaluates it against the real packages. */
function load(code: string): ExportedModule {
  const output = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, reportDiagnostics: true });
  expect(output.diagnostics ?? []).toEqual([]);
  const exports: Record<string, unknown> = {};
  const modules: Record<string, unknown> = { '@loom/nn': nn, '@loom/graph': graph };
  new Function('require', 'exports', output.outputText)((name: string) => modules[name], exports);
  return exports as ExportedModule;
}

/** Type-checks exported files (strict) against the built @loom/nn and @loom/graph declarations. */
function typeCheck(files: Record<string, string>): string[] {
  const dir = new URL('./', import.meta.url).pathname;
  const paths = Object.fromEntries(Object.entries(files).map(([name, code]) => [`${dir}__exported_${name}.ts`, code]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => (name in paths ? ts.createSourceFile(name, paths[name], language) : getSourceFile(name, language, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name in paths || fileExists(name);
  const program = ts.createProgram(Object.keys(paths), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

type ModelClass = new () => nn.Module & { forward(...inputs: graph.Tensor[]): graph.Tensor };

/** The exported Module subclass. */
function modelClassOf(exported: ExportedModule): ModelClass {
  const found = Object.values(exported).find((v): v is ModelClass => typeof v === 'function' && v.prototype instanceof nn.Module);
  expect(found).toBeDefined();
  return found!;
}

function exampleInputs(doc: ModelDocument): graph.Tensor[] {
  return compileModel(doc).inputs.map(({ type }, i) => {
    const shape = type.shape.map((d) => (d === 'N' ? 3 : Number(d)));
    const size = shape.reduce((n, d) => n * d, 1);
    return type.dtype === 'int32' ? graph.fromArray(Int32Array.from({ length: size }, (_, k) => (k * 7 + i) % 10), shape) : graph.randn(shape, { seed: i });
  });
}

describe('exportTypeScript', () => {
  it.each(templates.map((t) => [t.id, t.document] as const))('%s: the exported code computes what the compiled document computes', async (_, doc) => {
    const code = exportTypeScript(doc);
    const exported = load(code);
    const ModelClass = modelClassOf(exported);
    const model = new ModelClass().eval();
    const compiled = compileModel(doc);
    compiled.module.eval();
    expect(Object.keys(model.stateDict())).toEqual(Object.keys(compiled.module.stateDict()));
    const inputs = exampleInputs(doc);
    const expected = await compiled.module.forward(...inputs).data();
    const actual = await model.forward(...inputs).data();
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
    expect(exported.training).toEqual(compiled.training);
    expect(exported.makeOptimizer(model).constructor.name).toBe(compiled.makeOptimizer().constructor.name);
  });

  it('writes code that type-checks strictly against @loom/nn, for every template', () => {
    expect(typeCheck(Object.fromEntries(templates.map((t) => [t.id.replace('-', '_'), exportTypeScript(t.document)])))).toEqual([]);
  });

  it('writes fields with bracket syntax for ids that are not identifiers', () => {
    const b = modelBuilder('odd ids');
    const x = b.node('input', { shape: [3] }, {}, { id: 'in-put' }).out();
    const y = b.layer('Linear', x, { inFeatures: 3, outFeatures: 2 }, { id: 'dense-1' });
    b.node('output', {}, { in: y });
    const code = exportTypeScript(b.build());
    expect(code).toContain(`readonly "dense-1" = new Linear(3, 2`);
    expect(code).toContain(`this["dense-1"].forward(in_put)`);
    expect(typeCheck({ odd: code })).toEqual([]);
    load(code);
  });

  it('round-trips a graph with two inputs, ops and a multi-output layer', async () => {
    const b = modelBuilder('kitchen sink', 'every op once');
    const x = b.node('input', { shape: [6, 8] }, {}, { id: 'x' }).out();
    const ids = b.node('input', { shape: [6], dtype: 'int32' }, {}, { id: 'ids' }).out();
    const embedded = b.layer('Embedding', ids, { numEmbeddings: 10, embeddingDim: 8 }, { id: 'embed' });
    const sum = b.node('add', {}, { a: x, b: embedded }, { id: 'sum' }).out();
    const attended = b.node('MultiHeadAttention', { embedDim: 8, numHeads: 2, isCausal: true }, { query: sum }, { id: 'attention' }).out('out');
    const lstm = b.node('LSTM', { inputSize: 8, hiddenSize: 8 }, { in: attended }, { id: 'lstm' }).out('out');
    const columns = b.node('reshape', { shape: [8, 6] }, { in: x }, { id: 'columns' }).out();
    const product = b.node('matmul', {}, { a: lstm, b: columns }, { id: 'product' }).out(); // [N, 6, 6]
    const flat = b.layer('Flatten', product, {}, { id: 'flat' });
    const wide = b.node('reshape', { shape: [-1] }, { in: sum }, { id: 'wide' }).out(); // [N, 48]
    const joined = b.node('concat', { axis: -1 }, { a: flat, b: wide }, { id: 'joined' }).out(); // [N, 84]
    const y = b.layer('Linear', joined, { inFeatures: 84, outFeatures: 4 }, { id: 'head' });
    b.node('output', {}, { in: y }, { id: 'y' });
    const doc = b.build();
    const code = exportTypeScript(doc);
    expect(typeCheck({ sink: code })).toEqual([]);
    const ModelClass = modelClassOf(load(code));
    const inputs = exampleInputs(doc);
    const compiled = compileModel(doc).module;
    expect(compiled.forward(...inputs).shape).toEqual([3, 4]);
    expect(await new ModelClass().forward(...inputs).data()).toEqual(await compiled.forward(...inputs).data());
  });
});

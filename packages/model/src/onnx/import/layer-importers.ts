import type { HostTensor } from '../graph-builder.js';
import { unsupported, type OpContext, type OpImporter } from './op-context.js';
import { gatherShape, readsShape } from './shape-importers.js';
import { reshaped, transposed } from './weight-layouts.js';

const port = (ref: { node: string; port: string }) => ({ kind: 'port' as const, ref });

function linear(ctx: OpContext, weight: HostTensor, bias: HostTensor | undefined): string {
  const [outFeatures, inFeatures] = weight.shape;
  const id = ctx.writer.add('Linear', { inFeatures, outFeatures, bias: bias !== undefined }, { in: ctx.port(0) }, ctx.idHint, ctx.where);
  ctx.writer.setWeight(id, 'weight', weight);
  if (bias) {
    if (bias.data.length !== outFeatures) unsupported(ctx, `the bias has ${bias.data.length} values for ${outFeatures} outputs`);
    ctx.writer.setWeight(id, 'bias', reshaped(bias, [outFeatures]));
  }
  ctx.define(0, port({ node: id, port: 'out' }));
  return id;
}

/** Gemm(x, B, C) with a constant B → Linear (transB picks the layout; alpha = beta = 1, no transA). */
const gemm: OpImporter = (ctx) => {
  const { attrs } = ctx;
  if (attrs.float('alpha', 1) !== 1 || attrs.float('beta', 1) !== 1 || attrs.int('transA', 0) !== 0)
    unsupported(ctx, 'only Gemm with alpha = beta = 1 and transA = 0 maps to a Linear layer');
  const b = ctx.weight(1, 'the weight B');
  linear(ctx, attrs.int('transB', 0) ? b : transposed(b), ctx.has(2) ? ctx.weight(2, 'the bias C') : undefined);
};

/** MatMul by a constant [in, out] matrix → Linear without bias (a following Add may supply it); of two tensors → matmul. */
const matMul: OpImporter = (ctx) => {
  const b = ctx.constant(1);
  if (!b) {
    const id = ctx.writer.add('matmul', {}, { a: ctx.port(0), b: ctx.port(1) }, ctx.idHint, ctx.where);
    ctx.define(0, port({ node: id, port: 'out' }));
    return;
  }
  if (b.shape.length !== 2) unsupported(ctx, `a constant right operand must be a matrix, got [${b.shape.join(', ')}]`);
  const id = linear(ctx, transposed(b), undefined);
  if (ctx.consumers(0) === 1) ctx.biasless.set(ctx.node.output![0], id);
};

/** Add: the bias of a preceding MatMul-made Linear, or an add node of two tensors. */
const add: OpImporter = (ctx) => {
  const [left, right] = ctx.node.input ?? [];
  for (const [from, constant] of [
    [left, 1],
    [right, 0],
  ] as const) {
    const linearId = ctx.biasless.get(from);
    const bias = ctx.constant(constant);
    if (linearId && bias) {
      const outFeatures = ctx.writer.typeOf({ node: linearId, port: 'out' }).shape.at(-1);
      if (bias.data.length === outFeatures && bias.shape.filter((d) => d !== 1).length <= 1) {
        ctx.writer.setParam(linearId, 'bias', true);
        ctx.writer.setWeight(linearId, 'bias', reshaped(bias, [bias.data.length]));
        ctx.define(0, port({ node: linearId, port: 'out' }));
        return;
      }
    }
  }
  if (ctx.constant(0) || ctx.constant(1)) unsupported(ctx, 'adding a constant tensor is supported only as the bias of a MatMul by a constant matrix');
  const id = ctx.writer.add('add', {}, { a: ctx.port(0), b: ctx.port(1) }, ctx.idHint, ctx.where);
  ctx.define(0, port({ node: id, port: 'out' }));
};

/** One value for a 2-D attribute that Loom's square-window layers need the same on both axes. */
function square(ctx: OpContext, name: string, values: number[], fallback: number): number {
  const list = values.length ? values : [fallback];
  if (list.some((v) => v !== list[0])) unsupported(ctx, `${name} [${list.join(', ')}] differs between axes; Loom's layers use one value for both`);
  return list[0];
}

function checkAutoPad(ctx: OpContext): void {
  const autoPad = ctx.attrs.string('auto_pad', 'NOTSET');
  if (autoPad !== 'NOTSET' && autoPad !== 'VALID') unsupported(ctx, `auto_pad ${autoPad} is not supported (explicit pads are)`);
}

/** Conv with a constant square kernel and symmetric padding → Conv2d. */
const conv: OpImporter = (ctx) => {
  checkAutoPad(ctx);
  const w = ctx.weight(1, 'the kernel W');
  if (w.shape.length !== 4) unsupported(ctx, `only 2-D convolutions are supported, got a kernel [${w.shape.join(', ')}]`);
  const [outChannels, perGroup, kh, kw] = w.shape;
  const groups = ctx.attrs.int('group', 1);
  const params = {
    inChannels: perGroup * groups,
    outChannels,
    kernelSize: square(ctx, 'kernel_shape', [kh, kw], kh),
    stride: square(ctx, 'strides', ctx.attrs.ints('strides', []), 1),
    padding: square(ctx, 'pads', ctx.attrs.ints('pads', []), 0),
    dilation: square(ctx, 'dilations', ctx.attrs.ints('dilations', []), 1),
    groups,
    bias: ctx.has(2),
  };
  const id = ctx.writer.add('Conv2d', params, { in: ctx.port(0) }, ctx.idHint, ctx.where);
  ctx.writer.setWeight(id, 'weight', w);
  if (ctx.has(2)) ctx.writer.setWeight(id, 'bias', ctx.weight(2, 'the bias B'));
  ctx.define(0, port({ node: id, port: 'out' }));
};

function pool(type: 'MaxPool2d' | 'AvgPool2d'): OpImporter {
  return (ctx) => {
    checkAutoPad(ctx);
    if (ctx.attrs.int('ceil_mode', 0) !== 0) unsupported(ctx, 'ceil_mode 1 is not supported');
    if ((ctx.node.output ?? []).filter(Boolean).length > 1) unsupported(ctx, 'the Indices output is not supported');
    const kernel = ctx.attrs.ints('kernel_shape');
    if (kernel.length !== 2) unsupported(ctx, `only 2-D pooling is supported, got kernel_shape [${kernel.join(', ')}]`);
    const kernelSize = square(ctx, 'kernel_shape', kernel, 1);
    const padding = square(ctx, 'pads', ctx.attrs.ints('pads', []), 0);
    if (type === 'AvgPool2d' && padding > 0 && ctx.attrs.int('count_include_pad', 0) === 0)
      unsupported(ctx, 'padding excluded from the average (count_include_pad 0) is not supported: Loom counts it');
    if (square(ctx, 'dilations', ctx.attrs.ints('dilations', []), 1) !== 1) unsupported(ctx, 'dilated pooling is not supported');
    const params = { kernelSize, stride: square(ctx, 'strides', ctx.attrs.ints('strides', []), 1), padding };
    const id = ctx.writer.add(type, params, { in: ctx.port(0) }, ctx.idHint, ctx.where);
    ctx.define(0, port({ node: id, port: 'out' }));
  };
}

/** Flatten(axis ≥ 1) → Flatten(startDim = axis). */
const flatten: OpImporter = (ctx) => {
  const input = ctx.writer.typeOf(ctx.port(0));
  const axis = ctx.attrs.int('axis', 1);
  const start = axis < 0 ? axis + input.shape.length : axis;
  if (start < 1) unsupported(ctx, 'Flatten over the batch axis (axis 0) is not supported');
  const id = ctx.writer.add('Flatten', { startDim: start, endDim: -1 }, { in: ctx.port(0) }, ctx.idHint, ctx.where);
  ctx.define(0, port({ node: id, port: 'out' }));
};

/** BatchNormalization (inference) → BatchNorm1d for [N, C] / [N, C, L], BatchNorm2d for images. */
const batchNormalization: OpImporter = (ctx) => {
  if (ctx.attrs.int('training_mode', 0) !== 0) unsupported(ctx, 'training_mode 1 is not supported');
  const rank = ctx.writer.typeOf(ctx.port(0)).shape.length;
  const type = rank === 4 ? 'BatchNorm2d' : 'BatchNorm1d';
  const scale = ctx.weight(1, 'scale');
  const params = { numFeatures: scale.data.length, eps: ctx.attrs.float('epsilon', 1e-5), momentum: Math.round((1 - ctx.attrs.float('momentum', 0.9)) * 1e6) / 1e6, affine: true };
  const id = ctx.writer.add(type, params, { in: ctx.port(0) }, ctx.idHint, ctx.where);
  ['weight', 'bias', 'runningMean', 'runningVar'].forEach((name, k) => ctx.writer.setWeight(id, name, ctx.weight(k + 1, name)));
  ctx.define(0, port({ node: id, port: 'out' }));
};

/** LayerNormalization over the last axis → LayerNorm. */
const layerNormalization: OpImporter = (ctx) => {
  const rank = ctx.writer.typeOf(ctx.port(0)).shape.length;
  const axis = ctx.attrs.int('axis', -1);
  if (axis !== -1 && axis !== rank - 1) unsupported(ctx, `normalising from axis ${axis} is not supported (Loom's LayerNorm normalises the last axis)`);
  const scale = ctx.weight(1, 'scale');
  const size = scale.data.length;
  const id = ctx.writer.add('LayerNorm', { normalizedShape: size, eps: ctx.attrs.float('epsilon', 1e-5), elementwiseAffine: true }, { in: ctx.port(0) }, ctx.idHint, ctx.where);
  ctx.writer.setWeight(id, 'weight', reshaped(scale, [size]));
  ctx.writer.setWeight(id, 'bias', ctx.has(2) ? reshaped(ctx.weight(2, 'bias'), [size]) : { data: new Float32Array(size), shape: [size] });
  ctx.define(0, port({ node: id, port: 'out' }));
};

/** Gather(table, ids) on axis 0 with a constant 2-D table → Embedding. */
const gather: OpImporter = (ctx) => {
  if (readsShape(ctx)) return gatherShape(ctx);
  const table = ctx.constant(0);
  if (!table || table.shape.length !== 2 || ctx.attrs.int('axis', 0) !== 0) unsupported(ctx, 'only Gather from a constant 2-D table on axis 0 (an embedding lookup) is supported');
  const [numEmbeddings, embeddingDim] = table.shape;
  const id = ctx.writer.add('Embedding', { numEmbeddings, embeddingDim, paddingIdx: null }, { in: ctx.port(1) }, ctx.idHint, ctx.where);
  ctx.writer.setWeight(id, 'weight', table);
  ctx.define(0, port({ node: id, port: 'out' }));
};

/** ONNX ops that become Loom layers with weights (and the graph ops they fall back to). */
export const layerImporters: Record<string, OpImporter> = {
  Gemm: gemm,
  MatMul: matMul,
  Add: add,
  Conv: conv,
  MaxPool: pool('MaxPool2d'),
  AveragePool: pool('AvgPool2d'),
  Flatten: flatten,
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
  Gather: gather,
};

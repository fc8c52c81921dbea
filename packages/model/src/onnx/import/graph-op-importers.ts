import type { ParamValue } from '../../document/model-document.js';
import { unsupported, type OpContext, type OpImporter } from './op-context.js';
import { concatShapes, readsShape, sameShape, shapeInput } from './shape-importers.js';

const port = (ref: { node: string; port: string }) => ({ kind: 'port' as const, ref });

function single(type: string, params: (ctx: OpContext) => Record<string, ParamValue> = () => ({})): OpImporter {
  return (ctx) => {
    const id = ctx.writer.add(type, params(ctx), { in: ctx.port(0) }, ctx.idHint, ctx.where);
    ctx.define(0, port({ node: id, port: 'out' }));
  };
}

/** Identity and inference-time Dropout: the output is the input (no document node). */
const passThrough: OpImporter = (ctx) => {
  const value = ctx.imported(0);
  if (!value) unsupported(ctx, 'its input is missing');
  ctx.define(0, value);
};

/** Concat of two to four tensors → concat (ports a–d). */
const concat: OpImporter = (ctx) => {
  if (readsShape(ctx)) return concatShapes(ctx);
  const inputs = (ctx.node.input ?? []).map((_, i) => i).filter((i) => ctx.has(i));
  if (inputs.length < 2 || inputs.length > 4) unsupported(ctx, `Loom's concat joins 2 to 4 tensors, this one joins ${inputs.length}`);
  const ports = Object.fromEntries(inputs.map((i, k) => ['abcd'[k], ctx.port(i)]));
  const id = ctx.writer.add('concat', { axis: ctx.attrs.int('axis') }, ports, ctx.idHint, ctx.where);
  ctx.define(0, port({ node: id, port: 'out' }));
};

/** Reshape by a constant (or computed from the input's shape) target that keeps the batch axis → reshape (per-example shape). */
const reshape: OpImporter = (ctx) => {
  const target = shapeInput(ctx, 1);
  if (!target) unsupported(ctx, 'only Reshape to a constant shape, or one computed from a shape, is supported');
  const input = ctx.writer.typeOf(ctx.port(0));
  const dims = target.map((d, i) => (d === 0 && ctx.attrs.int('allowzero', 0) === 0 ? input.shape[i] : d));
  const perExample = input.shape.slice(1).reduce<number | undefined>((n, d) => (typeof d === 'number' && n !== undefined ? n * d : undefined), 1);
  const rest = dims.slice(1);
  const keepsBatch =
    dims[0] === input.shape[0] ||
    (dims[0] === -1 && !rest.includes(-1) && rest.every((d) => typeof d === 'number') && perExample === (rest as number[]).reduce((n, d) => n * d, 1));
  if (!keepsBatch || rest.some((d) => typeof d !== 'number')) unsupported(ctx, `reshaping to [${target.join(', ')}] does not keep the batch axis`);
  const id = ctx.writer.add('reshape', { shape: rest as number[] }, { in: ctx.port(0) }, ctx.idHint, ctx.where);
  ctx.define(0, port({ node: id, port: 'out' }));
};

/** Squeeze of axis 1 of an ONNX recurrent op's Y [T, 1, N, H] → the Loom layer's `out`. */
const squeeze: OpImporter = (ctx) => {
  if (readsShape(ctx)) return sameShape(ctx);
  const value = ctx.imported(0);
  const axes = ctx.constant(1) ? Array.from(ctx.constant(1)!.data) : ctx.attrs.ints('axes', []);
  if (value?.kind !== 'recurrent-y' || axes.length !== 1 || axes[0] !== 1)
    unsupported(ctx, 'Squeeze is supported only to drop the direction axis (1) of an RNN, LSTM or GRU output');
  // A batch-first layer's `out` is [N, T, H]; ONNX's squeezed Y is its time-major transpose.
  ctx.define(0, value.batchFirst ? { kind: 'transposed', ref: value.ref } : port(value.ref));
};

/** Transpose [1, 0, 2] around a recurrent op (batch-first ↔ time-major); other permutations are not supported. */
const transpose: OpImporter = (ctx) => {
  const value = ctx.imported(0);
  const perm = ctx.attrs.ints('perm', []);
  if (perm.join() !== '1,0,2' || (value?.kind !== 'port' && value?.kind !== 'transposed'))
    unsupported(ctx, 'Transpose is supported only as perm [1, 0, 2] around an RNN, LSTM or GRU (a batch-first sequence)');
  ctx.define(0, value.kind === 'transposed' ? port(value.ref) : { kind: 'transposed', ref: value.ref });
};

/** Activation ops and the graph ops of the document. */
export const graphOpImporters: Record<string, OpImporter> = {
  Relu: single('ReLU'),
  Sigmoid: single('Sigmoid'),
  Tanh: single('Tanh'),
  Softplus: single('Softplus'),
  Gelu: (ctx) => {
    if (ctx.attrs.string('approximate', 'none') !== 'none') unsupported(ctx, 'the tanh approximation of GELU is not supported');
    single('GELU')(ctx);
  },
  LeakyRelu: single('LeakyReLU', (ctx) => ({ negativeSlope: ctx.attrs.float('alpha', 0.01) })),
  Elu: single('ELU', (ctx) => ({ alpha: ctx.attrs.float('alpha', 1) })),
  Softmax: single('Softmax', (ctx) => ({ dim: ctx.attrs.int('axis', -1) })),
  LogSoftmax: single('LogSoftmax', (ctx) => ({ dim: ctx.attrs.int('axis', -1) })),
  Identity: passThrough,
  Dropout: passThrough,
  Concat: concat,
  Reshape: reshape,
  Squeeze: squeeze,
  Transpose: transpose,
};

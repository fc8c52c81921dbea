import { maskedScore } from '@loom/nn';
import type { GraphBuilder, HostTensor } from '../graph-builder.js';
import { emitGelu } from './activation-emitters.js';
import { boolParam, inputOf, numberParam, optionalWeight, stringParam, type EmitContext, type Emitter } from './emit-context.js';
import { emitLinear } from './linear-emitter.js';
import { emitLayerNorm } from './norm-emitters.js';

type Weights = (name: string) => HostTensor | undefined;

/**
 * Multi-head attention on batch-first [N, L, E] values, decomposed as Loom computes it: project,
 * split heads (Reshape + Transpose), softmax(q kᵀ / √d) v, merge heads, project out. Returns the
 * output and the attention weights averaged over heads [N, L, S].
 */
export function emitAttention(
  g: GraphBuilder,
  q: string,
  k: string,
  v: string,
  numHeads: number,
  weight: Weights,
  { prefix = '', causal }: { prefix?: string; causal?: { queries: number; keys: number } } = {},
): { output: string; weights: string } {
  const need = (name: string) => {
    const t = weight(prefix + name);
    if (!t) throw new Error(`exportOnnx: no ${prefix}${name} in the state dict`);
    return t;
  };
  const projection = need('qProj.weight');
  const embed = projection.shape[0];
  const headDim = embed / numHeads;
  const project = (x: string, name: string) => emitLinear(g, x, 3, need(`${name}.weight`), weight(`${prefix}${name}.bias`), `${prefix}${name}`);
  const split = (x: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [x, g.int64s([0, 0, numHeads, headDim])])], { perm });
  const queries = split(project(q, 'qProj'), [0, 2, 1, 3]);
  const keysT = split(project(k, 'kProj'), [0, 2, 3, 1]);
  const values = split(project(v, 'vProj'), [0, 2, 1, 3]);
  let scores = g.op('Mul', [g.op('MatMul', [queries, keysT]), g.scalar(1 / Math.sqrt(headDim))]);
  if (causal) scores = g.op('Add', [scores, g.floats('causalBias', causalBias(causal.queries, causal.keys), [causal.queries, causal.keys])]);
  const attention = g.op('Softmax', [scores], { axis: -1 });
  const merged = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [attention, values])], { perm: [0, 2, 1, 3] }), g.int64s([0, 0, embed])]);
  const output = emitLinear(g, merged, 3, need('outProj.weight'), weight(`${prefix}outProj.bias`), `${prefix}outProj`);
  return { output, weights: g.op('ReduceMean', [attention], { axes: [1], keepdims: 0 }) };
}

/** Loom's causal mask as an additive bias: −1e9 where query i would see a key after it (queries are the last ones). */
export function causalBias(queries: number, keys: number): Float32Array {
  const bias = new Float32Array(queries * keys);
  const offset = keys - queries;
  for (let i = 0; i < queries; i++) for (let j = i + offset + 1; j < keys; j++) bias[i * keys + j] = maskedScore;
  return bias;
}

/** The sequence lengths of batch-first [N, L, E] inputs, when the causal flag is on (they must be fixed). */
function causalLengths(ctx: EmitContext, queryPort: string, keyPort: string, batchFirst: boolean): { queries: number; keys: number } | undefined {
  if (!boolParam(ctx, 'isCausal', false)) return undefined;
  const axis = batchFirst ? 1 : 0;
  const queries = (ctx.inputShapes[queryPort] ?? [])[axis];
  const keys = (ctx.inputShapes[keyPort] ?? ctx.inputShapes[queryPort] ?? [])[axis];
  if (typeof queries !== 'number' || typeof keys !== 'number')
    throw new Error(`exportOnnx: node "${ctx.nodeId}" (${ctx.type}): isCausal needs fixed sequence lengths`);
  return { queries, keys };
}

const toBatchFirst = (g: GraphBuilder, x: string, batchFirst: boolean) => (batchFirst ? x : g.op('Transpose', [x], { perm: [1, 0, 2] }));

/** MultiHeadAttention → MatMul / Reshape / Transpose / Softmax. Inputs `query`, `key`, `value` (or one `in`). */
export const multiHeadAttentionEmitter: Emitter = (ctx) => {
  const { g } = ctx;
  const batchFirst = boolParam(ctx, 'batchFirst', false);
  const query = ctx.inputs.query !== undefined ? inputOf(ctx, 'query').value : inputOf(ctx).value;
  const key = ctx.inputs.key ?? query;
  const value = ctx.inputs.value ?? key;
  const [q, k, v] = [query, key, value].map((x) => toBatchFirst(g, x, batchFirst));
  const causal = causalLengths(ctx, ctx.inputs.query !== undefined ? 'query' : 'in', 'key', batchFirst);
  const { output, weights } = emitAttention(g, q, k, v, numberParam(ctx, 'numHeads'), (name) => optionalWeight(ctx, name), { causal });
  return { out: toBatchFirst(g, output, batchFirst), weights };
};

/** The sinusoidal table rows 0..length-1 for dModel features, computed as Loom's PositionalEncoding does. */
export function positionalTable(length: number, dModel: number): Float32Array {
  const values = new Float32Array(length * dModel);
  for (let pos = 0; pos < length; pos++)
    for (let i = 0; i < dModel; i += 2) {
      const angle = pos / 10000 ** (i / dModel);
      values[pos * dModel + i] = Math.sin(angle);
      if (i + 1 < dModel) values[pos * dModel + i + 1] = Math.cos(angle);
    }
  return values;
}

/** PositionalEncoding → Add of a constant table (dropout is the identity at inference). */
export const positionalEncodingEmitter: Emitter = (ctx) => {
  const { value, shape } = inputOf(ctx);
  const batchFirst = boolParam(ctx, 'batchFirst', false);
  const length = shape[batchFirst ? 1 : 0];
  const dModel = shape[2];
  if (typeof length !== 'number' || typeof dModel !== 'number')
    throw new Error(`exportOnnx: node "${ctx.nodeId}" (PositionalEncoding): needs a fixed sequence length, got [${shape.join(', ')}]`);
  const table = ctx.g.floats('table', positionalTable(length, dModel), batchFirst ? [length, dModel] : [length, 1, dModel]);
  return { out: ctx.g.op('Add', [value, table]) };
};

/** TransformerEncoderLayer → attention and feed-forward blocks with residual Adds and LayerNormalization (post- or pre-norm). */
export const transformerEncoderLayerEmitter: Emitter = (ctx) => {
  const { g } = ctx;
  const { value, shape } = inputOf(ctx);
  const batchFirst = boolParam(ctx, 'batchFirst', false);
  const eps = numberParam(ctx, 'layerNormEps', 1e-5);
  const activation = stringParam(ctx, 'activation', 'relu');
  const weight = (name: string) => optionalWeight(ctx, name);
  const dModel = ctx.weight('norm1.weight').shape;
  const norm = (x: string, name: string) => emitLayerNorm(g, x, dModel, eps, weight(`${name}.weight`), weight(`${name}.bias`), name);
  const causal = causalLengths(ctx, 'in', 'in', batchFirst);
  const attend = (x: string) => emitAttention(g, x, x, x, numberParam(ctx, 'nhead'), weight, { prefix: 'selfAttn.', causal }).output;
  const feedForward = (x: string) => {
    const hidden = emitLinear(g, x, shape.length, ctx.weight('linear1.weight'), weight('linear1.bias'), 'linear1');
    const activated = activation === 'gelu' ? emitGelu(g, hidden) : g.op('Relu', [hidden]);
    return emitLinear(g, activated, shape.length, ctx.weight('linear2.weight'), weight('linear2.bias'), 'linear2');
  };
  const src = toBatchFirst(g, value, batchFirst);
  let out: string;
  if (boolParam(ctx, 'normFirst', false)) {
    const x = g.op('Add', [src, attend(norm(src, 'norm1'))]);
    out = g.op('Add', [x, feedForward(norm(x, 'norm2'))]);
  } else {
    const x = norm(g.op('Add', [src, attend(src)]), 'norm1');
    out = norm(g.op('Add', [x, feedForward(x)]), 'norm2');
  }
  return { out: toBatchFirst(g, out, batchFirst) };
};

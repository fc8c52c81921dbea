import type { GraphBuilder, HostTensor } from '../graph-builder.js';
import { inputOf, numberParam, optionalWeight, type EmitContext, type Emitter } from './emit-context.js';
import { floatData } from './host-arrays.js';

function filled(length: number, value: number): Float32Array {
  return new Float32Array(length).fill(value);
}

/**
 * BatchNorm1d/2d in evaluation → BatchNormalization with the running statistics (scale 1 and
 * shift 0 when the layer is not affine).
 */
export const batchNormEmitter: Emitter = (ctx) => {
  const { value } = inputOf(ctx);
  const mean = optionalWeight(ctx, 'runningMean');
  const variance = optionalWeight(ctx, 'runningVar');
  if (!mean || !variance)
    throw new Error(`exportOnnx: node "${ctx.nodeId}" (${ctx.type}): without running statistics it normalises by batch statistics at inference, which ONNX BatchNormalization cannot express`);
  const channels = mean.shape[0];
  const param = (name: string, fallback: number) => {
    const t = optionalWeight(ctx, name);
    return ctx.g.floats(name, t ? floatData(t) : filled(channels, fallback), [channels]);
  };
  const inputs = [value, param('weight', 1), param('bias', 0), ctx.g.floats('runningMean', floatData(mean), [channels]), ctx.g.floats('runningVar', floatData(variance), [channels])];
  return { out: ctx.g.op('BatchNormalization', inputs, { epsilon: { float: numberParam(ctx, 'eps', 1e-5) } }) };
};

/** LayerNormalization over the trailing axes of `normalizedShape` (scale 1, shift 0 when not affine). */
export function emitLayerNorm(g: GraphBuilder, x: string, normalizedShape: readonly number[], eps: number, weight?: HostTensor, bias?: HostTensor, hint = 'norm'): string {
  const size = normalizedShape.reduce((n, d) => n * d, 1);
  const scale = g.floats(`${hint}.weight`, weight ? floatData(weight) : filled(size, 1), normalizedShape);
  const shift = g.floats(`${hint}.bias`, bias ? floatData(bias) : filled(size, 0), normalizedShape);
  return g.op('LayerNormalization', [x, scale, shift], { axis: -normalizedShape.length, epsilon: { float: eps } });
}

function normalizedShapeOf(ctx: EmitContext): number[] {
  const weight = optionalWeight(ctx, 'weight');
  if (weight) return [...weight.shape];
  const value = ctx.params.normalizedShape;
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value;
  throw new Error(`exportOnnx: node "${ctx.nodeId}" (LayerNorm): params.normalizedShape: expected a number or a list of numbers`);
}

/** LayerNorm → LayerNormalization (opset 17). */
export const layerNormEmitter: Emitter = (ctx) => {
  const { value } = inputOf(ctx);
  const eps = numberParam(ctx, 'eps', 1e-5);
  return { out: emitLayerNorm(ctx.g, value, normalizedShapeOf(ctx), eps, optionalWeight(ctx, 'weight'), optionalWeight(ctx, 'bias')) };
};

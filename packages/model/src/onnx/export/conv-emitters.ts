import type { OnnxDim } from '../graph-builder.js';
import { inputOf, numberParam, optionalWeight, pairParam, boolParam, type EmitContext, type Emitter } from './emit-context.js';
import { floatData } from './host-arrays.js';

type Pair = [number, number];

/**
 * ONNX `pads` [top, left, bottom, right] for Loom's padding option: a number or pair pads both
 * sides; 'valid' nothing; 'same' keeps ceil(size / stride) with the odd element at the bottom/right.
 */
export function onnxPads(ctx: EmitContext, inputShape: readonly OnnxDim[], kernel: Pair, stride: Pair, dilation: Pair): number[] {
  const padding = ctx.params.padding ?? 0;
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const before: number[] = [];
    const after: number[] = [];
    for (const axis of [0, 1]) {
      const size = inputShape[2 + axis];
      if (typeof size !== 'number') throw new Error(`exportOnnx: node "${ctx.nodeId}": padding 'same' needs a fixed image size`);
      const out = Math.ceil(size / stride[axis]);
      const total = Math.max((out - 1) * stride[axis] + (kernel[axis] - 1) * dilation[axis] + 1 - size, 0);
      before.push(Math.floor(total / 2));
      after.push(total - Math.floor(total / 2));
    }
    return [...before, ...after];
  }
  const [ph, pw] = pairParam(ctx, 'padding');
  return [ph, pw, ph, pw];
}

/** Conv2d → Conv (NCHW, weight [O, I/g, kH, kW], as in Loom). */
export const conv2dEmitter: Emitter = (ctx) => {
  const { value, shape } = inputOf(ctx);
  const weight = ctx.weight('weight');
  const kernel: Pair = [weight.shape[2], weight.shape[3]];
  const stride = pairParam(ctx, 'stride', 1);
  const dilation = pairParam(ctx, 'dilation', 1);
  const bias = optionalWeight(ctx, 'bias');
  const inputs = [value, ctx.g.floats('weight', floatData(weight), weight.shape)];
  if (bias) inputs.push(ctx.g.floats('bias', floatData(bias), bias.shape));
  const out = ctx.g.op('Conv', inputs, {
    kernel_shape: kernel,
    strides: stride,
    dilations: dilation,
    pads: onnxPads(ctx, shape, kernel, stride, dilation),
    group: numberParam(ctx, 'groups', 1),
  });
  return { out };
};

function poolEmitter(opType: 'MaxPool' | 'AveragePool'): Emitter {
  return (ctx) => {
    const { value, shape } = inputOf(ctx);
    const kernel = pairParam(ctx, 'kernelSize');
    const stride = ctx.params.stride === null || ctx.params.stride === undefined ? kernel : pairParam(ctx, 'stride');
    const attributes: Record<string, number | number[]> = { kernel_shape: kernel, strides: stride, pads: onnxPads(ctx, shape, kernel, stride, [1, 1]) };
    if (opType === 'AveragePool') attributes.count_include_pad = boolParam(ctx, 'countIncludePad', true) ? 1 : 0;
    return { out: ctx.g.op(opType, [value], attributes) };
  };
}

/** MaxPool2d → MaxPool. */
export const maxPool2dEmitter = poolEmitter('MaxPool');
/** AvgPool2d → AveragePool (count_include_pad as Loom's countIncludePad, default on). */
export const avgPool2dEmitter = poolEmitter('AveragePool');

/** Flatten(startDim, endDim) → Flatten for the common [N, …] → [N, rest]; Reshape otherwise. */
export const flattenEmitter: Emitter = (ctx) => {
  const { value, shape } = inputOf(ctx);
  const rank = shape.length;
  const norm = (axis: number) => (axis < 0 ? axis + rank : axis);
  const start = norm(numberParam(ctx, 'startDim', 1));
  const end = norm(numberParam(ctx, 'endDim', -1));
  if (end === rank - 1) return { out: start === 0 ? ctx.g.op('Reshape', [value, ctx.g.int64s([-1])]) : ctx.g.op('Flatten', [value], { axis: start }) };
  const target = [...shape.slice(0, start).map(() => 0), -1, ...shape.slice(end + 1).map((d) => (typeof d === 'number' ? d : 0))];
  return { out: ctx.g.op('Reshape', [value, ctx.g.int64s(target)]) };
};


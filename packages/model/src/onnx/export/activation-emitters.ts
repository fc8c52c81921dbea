import type { GraphBuilder } from '../graph-builder.js';
import { inputOf, numberParam, type Emitter } from './emit-context.js';

/** The exact (erf) GELU from opset-17 ops: 0.5·x·(1 + erf(x/√2)). */
export function emitGelu(g: GraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.op('Mul', [x, g.scalar(Math.SQRT1_2)])]);
  return g.op('Mul', [g.op('Mul', [x, g.scalar(0.5)]), g.op('Add', [erf, g.scalar(1)])]);
}

const unary =
  (opType: string): Emitter =>
  (ctx) => ({ out: ctx.g.op(opType, [inputOf(ctx).value]) });

const alongAxis =
  (opType: string): Emitter =>
  (ctx) => ({ out: ctx.g.op(opType, [inputOf(ctx).value], { axis: numberParam(ctx, 'dim', -1) }) });

/** Activation layers and Dropout (the identity at inference), each one ONNX op (GELU: Erf-based). */
export const activationEmitters = {
  ReLU: unary('Relu'),
  Sigmoid: unary('Sigmoid'),
  Tanh: unary('Tanh'),
  Softplus: unary('Softplus'),
  Identity: unary('Identity'),
  Dropout: unary('Identity'),
  GELU: (ctx) => ({ out: emitGelu(ctx.g, inputOf(ctx).value) }),
  LeakyReLU: (ctx) => ({ out: ctx.g.op('LeakyRelu', [inputOf(ctx).value], { alpha: { float: numberParam(ctx, 'negativeSlope', 0.01) } }) }),
  ELU: (ctx) => ({ out: ctx.g.op('Elu', [inputOf(ctx).value], { alpha: { float: numberParam(ctx, 'alpha', 1) } }) }),
  Softmax: alongAxis('Softmax'),
  LogSoftmax: alongAxis('LogSoftmax'),
} satisfies Record<string, Emitter>;

import { inputOf, intsParam, numberParam, type EmitContext, type Emitter } from './emit-context.js';

/** The two operands of a binary op: ports `a` and `b`. */
function operands(ctx: EmitContext): [string, string] {
  return [inputOf(ctx, 'a').value, inputOf(ctx, 'b').value];
}

/** The connected inputs of a variadic node in port order (`in0`, `in1`, … or `a`, `b`). */
function variadicInputs(ctx: EmitContext): string[] {
  const ports = Object.keys(ctx.inputs).sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  return ports.map((port) => ctx.inputs[port]);
}

/** add / concat / reshape / matmul: the document's graph ops, one ONNX op each. */
export const graphOpEmitters = {
  add: (ctx) => ({ out: ctx.g.op('Add', operands(ctx)) }),
  matmul: (ctx) => ({ out: ctx.g.op('MatMul', operands(ctx)) }),
  concat: (ctx) => ({ out: ctx.g.op('Concat', variadicInputs(ctx), { axis: numberParam(ctx, 'axis', -1) }) }),
  reshape: (ctx) => {
    // The shape param leaves out the batch axis, which is kept (0 copies it in ONNX's Reshape).
    const shape = intsParam(ctx, 'shape');
    return { out: ctx.g.op('Reshape', [inputOf(ctx).value, ctx.g.int64s([0, ...shape])]) };
  },
} satisfies Record<string, Emitter>;

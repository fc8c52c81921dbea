import type { AnyLaunch, BufferId, FusedExpr, FusedLaunch, FreeStep } from '@loom/graph';

/**
 * A launch with a fused epilogue (matmul + bias + relu) as three steps the engine can split: the
 * bare op into a temporary buffer, the epilogue as a fused elementwise launch that reads the
 * temporary where the epilogue read `acc`, and the temporary's free. Same values: the epilogue
 * applies the same expression to the same op result.
 */
export function detachEpilogue(launch: AnyLaunch, temporary: BufferId): [AnyLaunch, FusedLaunch, FreeStep] | undefined {
  const { epilogue } = launch;
  if (!epilogue) return undefined;
  const accRef = { ...launch.output, id: temporary };
  const accInput = epilogue.inputs.length;
  const acc: FusedExpr = { kind: 'load', input: accInput, view: { strides: rowMajorStrides(launch.output.shape), offset: 0 } };
  const bare: AnyLaunch = { ...launch, output: accRef, epilogue: undefined };
  const fused: FusedLaunch = {
    kind: 'fused',
    expr: replaceAcc(epilogue.expr, acc),
    inputs: [...epilogue.inputs, accRef],
    output: launch.output,
    label: launch.label,
  };
  return [bare, fused, { kind: 'free', id: temporary }];
}

function replaceAcc(expr: FusedExpr, acc: FusedExpr): FusedExpr {
  switch (expr.kind) {
    case 'acc':
      return acc;
    case 'load':
    case 'const':
      return expr;
    case 'unary':
      return { ...expr, x: replaceAcc(expr.x, acc) };
    case 'cast':
      return { ...expr, x: replaceAcc(expr.x, acc) };
    case 'binary':
      return { ...expr, a: replaceAcc(expr.a, acc), b: replaceAcc(expr.b, acc) };
    case 'where':
      return { ...expr, cond: replaceAcc(expr.cond, acc), a: replaceAcc(expr.a, acc), b: replaceAcc(expr.b, acc) };
  }
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d];
  }
  return strides;
}

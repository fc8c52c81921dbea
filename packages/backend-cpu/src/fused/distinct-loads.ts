import type { FusedExpr, LoadExpr } from '@loom/graph';

/** The same input read through the same view. */
export function sameLoad(a: LoadExpr, b: LoadExpr): boolean {
  return a.input === b.input && a.view.offset === b.view.offset && a.view.strides.every((s, i) => s === b.view.strides[i]);
}

/** Every distinct (input, view) read of an expression, in first-use order: each gets its own running offset. */
export function distinctLoads(expr: FusedExpr, out: LoadExpr[] = []): LoadExpr[] {
  switch (expr.kind) {
    case 'load':
      if (!out.some((l) => sameLoad(l, expr))) out.push(expr);
      break;
    case 'unary':
    case 'cast':
      distinctLoads(expr.x, out);
      break;
    case 'binary':
      distinctLoads(expr.a, out);
      distinctLoads(expr.b, out);
      break;
    case 'where':
      distinctLoads(expr.cond, out);
      distinctLoads(expr.a, out);
      distinctLoads(expr.b, out);
      break;
  }
  return out;
}

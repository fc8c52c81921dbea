import { sizeOf, stridesOf } from '@loom/graph';
import type { AnyLaunch, BufferId, BufferRef, FusedExpr, FusedLaunch, ProgramStep } from '@loom/graph';
import { exprDType } from '@loom/graph';

function children(expr: FusedExpr): FusedExpr[] {
  switch (expr.kind) {
    case 'unary':
    case 'cast':
      return [expr.x];
    case 'binary':
      return [expr.a, expr.b];
    case 'where':
      return [expr.cond, expr.a, expr.b];
    default:
      return [];
  }
}

/** `expr` with `f` applied to each direct child. */
function mapChildren(expr: FusedExpr, f: (child: FusedExpr) => FusedExpr): FusedExpr {
  switch (expr.kind) {
    case 'unary':
    case 'cast':
      return { ...expr, x: f(expr.x) };
    case 'binary':
      return { ...expr, a: f(expr.a), b: f(expr.b) };
    case 'where':
      return { ...expr, cond: f(expr.cond), a: f(expr.a), b: f(expr.b) };
    default:
      return expr;
  }
}

/** The input indices an expression loads, each once. */
export function loadedInputs(expr: FusedExpr, out = new Set<number>()): Set<number> {
  if (expr.kind === 'load') out.add(expr.input);
  for (const child of children(expr)) loadedInputs(child, out);
  return out;
}

/** `expr` with `target` (the same object) replaced by `replacement`. */
function replace(expr: FusedExpr, target: FusedExpr, replacement: FusedExpr): FusedExpr {
  return expr === target ? replacement : mapChildren(expr, (child) => replace(child, target, replacement));
}

function substituteAcc(expr: FusedExpr, value: FusedExpr): FusedExpr {
  return expr.kind === 'acc' ? value : mapChildren(expr, (child) => substituteAcc(child, value));
}

/** `expr` reading only the inputs it loads, renumbered 0..n-1, with those inputs. */
function compact(expr: FusedExpr, inputs: readonly BufferRef[]): { expr: FusedExpr; inputs: BufferRef[] } {
  const used = [...loadedInputs(expr)].sort((a, b) => a - b);
  const renumber = (e: FusedExpr): FusedExpr => (e.kind === 'load' ? { ...e, input: used.indexOf(e.input) } : mapChildren(e, renumber));
  return { expr: renumber(expr), inputs: used.map((i) => inputs[i]) };
}

/** The subtree to compute separately: the child loading the most inputs that still fit (≥ 2). */
function pickSubtree(expr: FusedExpr, maxInputs: number): FusedExpr | undefined {
  let node = expr;
  for (;;) {
    const ranked = children(node)
      .map((child) => ({ child, count: loadedInputs(child).size }))
      .sort((a, b) => b.count - a.count);
    const best = ranked[0];
    if (!best || best.count < 2) return undefined;
    if (best.count <= maxInputs) return best.child;
    node = best.child;
  }
}

/**
 * Rewrites a step whose kernels would bind more storage buffers than the device allows into steps
 * that bind fewer: a fused kernel computes one of its subexpressions into a temporary first; a
 * launch with an epilogue writes its plain result and a fused kernel applies the epilogue. The
 * caller plans the new steps (splitting again while they still do not fit); temporaries are freed
 * right after their reader. Returns undefined when the step cannot be split.
 */
export function splitStep(step: AnyLaunch | FusedLaunch, maxInputs: number, newId: () => BufferId): ProgramStep[] | undefined {
  const { output, label } = step;
  const contiguous = { strides: stridesOf(output.shape), offset: 0 };
  if (step.kind === 'launch') {
    if (!step.epilogue) return undefined;
    const plain: BufferRef = { id: newId(), shape: output.shape, dtype: output.dtype };
    const { inputs } = step.epilogue;
    const acc: FusedExpr = { kind: 'load', input: inputs.length, view: contiguous };
    const epilogue: FusedLaunch = { kind: 'fused', expr: substituteAcc(step.epilogue.expr, acc), inputs: [...inputs, plain], output, label };
    return [{ ...step, output: plain, epilogue: undefined }, epilogue, { kind: 'free', id: plain.id }];
  }
  const subtree = pickSubtree(step.expr, maxInputs);
  if (!subtree || sizeOf(output.shape) === 0) return undefined;
  const part = compact(subtree, step.inputs);
  const temp: BufferRef = { id: newId(), shape: output.shape, dtype: exprDType(part.expr, part.inputs.map((r) => r.dtype)) };
  const rest = compact(replace(step.expr, subtree, { kind: 'load', input: step.inputs.length, view: contiguous }), [...step.inputs, temp]);
  return [
    { kind: 'fused', expr: part.expr, inputs: part.inputs, output: temp, label: `${label} (part)` },
    { kind: 'fused', expr: rest.expr, inputs: rest.inputs, output, label },
    { kind: 'free', id: temp.id },
  ];
}

import type { View } from '../backend/fused-expr.js';
import type { PrimitiveAttrs } from '../ops/primitive-op.js';
import { stridesOf } from '../shape.js';

/** A way of reading a buffer as a tensor of `shape` (strided, with an offset), without copying. */
export interface ShapedView extends View {
  shape: readonly number[];
}

export function contiguousView(shape: readonly number[]): ShapedView {
  return { shape, strides: stridesOf(shape), offset: 0 };
}

function isRowMajor(view: ShapedView): boolean {
  const expected = stridesOf(view.shape);
  return view.shape.every((d, i) => d === 1 || view.strides[i] === expected[i]);
}

export type ViewOp = 'reshape' | 'expand' | 'permute' | 'slice';
export type ViewStep = { [Op in ViewOp]: { op: Op; attrs: PrimitiveAttrs[Op] } }[ViewOp];

export function isViewOp(op: string): op is ViewOp {
  return op === 'reshape' || op === 'expand' || op === 'permute' || op === 'slice';
}

/**
 * Applies a movement op to a view, or returns undefined when the result is not a strided view of
 * the same buffer (a reshape of a permuted view, say): then the op must copy.
 */
export function applyViewOp(view: ShapedView, step: ViewStep): ShapedView | undefined {
  switch (step.op) {
    case 'reshape': {
      if (!isRowMajor(view)) return undefined;
      const { shape } = step.attrs;
      return { shape, strides: stridesOf(shape), offset: view.offset };
    }
    case 'expand': {
      const { shape } = step.attrs;
      return { shape, strides: view.strides.map((s, i) => (view.shape[i] === shape[i] ? s : 0)), offset: view.offset };
    }
    case 'permute': {
      const { perm } = step.attrs;
      return { shape: perm.map((p) => view.shape[p]), strides: perm.map((p) => view.strides[p]), offset: view.offset };
    }
    case 'slice': {
      const { begin, end } = step.attrs;
      return {
        shape: end.map((e, i) => e - begin[i]),
        strides: view.strides,
        offset: view.offset + begin.reduce((o, b, i) => o + b * view.strides[i], 0),
      };
    }
  }
}

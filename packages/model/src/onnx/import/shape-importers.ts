import type { Dim } from '../../analysis/tensor-type.js';
import { unsupported, type OpContext, type OpImporter } from './op-context.js';

/**
 * Input i as a shape vector: a computed shape value, or a constant int tensor of rank ≤ 1.
 * Undefined when it is neither (a tensor the model computes).
 */
export function shapeInput(ctx: OpContext, i: number): Dim[] | undefined {
  const value = ctx.imported(i);
  if (value?.kind === 'shape') return value.dims;
  const constant = ctx.constant(i);
  if (constant && constant.data instanceof Int32Array && constant.shape.length <= 1) return Array.from(constant.data);
  return undefined;
}

/** Shape(x) → the dims of x as a shape value ('N' for the batch). */
const shape: OpImporter = (ctx) => {
  const dims = ctx.writer.typeOf(ctx.port(0)).shape;
  const rank = dims.length;
  const clamp = (axis: number) => Math.min(Math.max(axis < 0 ? axis + rank : axis, 0), rank);
  ctx.define(0, { kind: 'shape', dims: dims.slice(clamp(ctx.attrs.int('start', 0)), clamp(ctx.attrs.int('end', rank))) });
};

/** Gather of entries of a shape value by constant indices. */
export const gatherShape: OpImporter = (ctx) => {
  const dims = shapeInput(ctx, 0)!;
  const indices = ctx.constant(1);
  if (!indices) unsupported(ctx, 'gathering from a shape needs constant indices');
  ctx.define(0, { kind: 'shape', dims: Array.from(indices.data, (i) => dims[i < 0 ? i + dims.length : i]) });
};

/** Concat of shape values and constant int vectors (axis 0). */
export const concatShapes: OpImporter = (ctx) => {
  const parts = (ctx.node.input ?? []).map((_, i) => shapeInput(ctx, i));
  if (parts.some((p) => p === undefined)) unsupported(ctx, 'a shape can only be joined with other shapes or constant integers');
  ctx.define(0, { kind: 'shape', dims: parts.flatMap((p) => p!) });
};

/** Unsqueeze / Squeeze / Cast / Identity of a shape value: the same entries (a scalar and a 1-vector alike). */
export const sameShape: OpImporter = (ctx) => {
  const dims = shapeInput(ctx, 0);
  if (!dims) unsupported(ctx, `${ctx.node.opType} is supported only on shape values (as in a flatten to [batch, -1])`);
  ctx.define(0, { kind: 'shape', dims });
};

/** Whether an op reads a shape value (so the shape importers, not the tensor ones, apply). */
export function readsShape(ctx: OpContext): boolean {
  return (ctx.node.input ?? []).some((_, i) => ctx.imported(i)?.kind === 'shape');
}

/** Shape arithmetic other tools export around Reshape: Shape, and Unsqueeze/Cast of shape values. */
export const shapeImporters: Record<string, OpImporter> = { Shape: shape, Unsqueeze: sameShape, Cast: sameShape };

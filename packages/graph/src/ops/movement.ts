import { formatShape, normalizeAxes, normalizeAxis, shapesEqual, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { noGrad } from '../core/grad-mode.js';
import { record } from './record.js';
import type { Pair } from './primitive-op.js';
import type { VjpTable } from '../autograd/vjp.js';

/** Movement primitives (reshape, permute, expand, slice, pad, concat), their front ends and VJPs. */

/** Reshapes to `shape`; one entry may be -1 and is inferred. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const inferred = shape.indexOf(-1);
  if (shape.some((d, i) => !Number.isInteger(d) || (d < 0 && i !== inferred)) || shape.lastIndexOf(-1) !== inferred)
    throw new Error(`reshape: ${formatShape(shape)} is not a valid shape (non-negative integers, at most one -1)`);
  let target = [...shape];
  if (inferred >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== inferred));
    if (known === 0 || x.size % known !== 0)
      throw new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`);
    target[inferred] = x.size / known;
  }
  if (sizeOf(target) !== x.size)
    throw new Error(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)}`);
  target = target.map(Number);
  if (shapesEqual(target, x.shape)) return x;
  return record('reshape', [x], { shape: target }, target, x.dtype);
}

export function permute(x: Tensor, perm: readonly number[]): Tensor {
  const axes = perm.map((a) => normalizeAxis('permute', a, x.shape));
  if (axes.length !== x.rank || new Set(axes).size !== x.rank)
    throw new Error(`permute: [${perm.join(', ')}] is not a permutation of the ${x.rank} axes of ${formatShape(x.shape)}`);
  if (axes.every((a, i) => a === i)) return x;
  return record('permute', [x], { perm: axes }, axes.map((a) => x.shape[a]), x.dtype);
}

/** Permutes axes; without `perm`, reverses them (a matrix transpose for rank 2). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  return permute(x, perm ?? x.shape.map((_, i) => x.rank - 1 - i));
}

/** Repeats size-1 axes (and prepends new ones) to reach `shape`; -1 keeps an axis as is. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.rank)
    throw new Error(`expand: cannot expand ${formatShape(x.shape)} to fewer axes ${formatShape(shape)}`);
  const lead = shape.length - x.rank;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d));
  for (let i = 0; i < x.rank; i++) {
    const from = x.shape[i];
    const to = target[i + lead];
    if (from !== to && from !== 1)
      throw new Error(`expand: axis ${i} of ${formatShape(x.shape)} has size ${from}, which cannot expand to ${to} (target ${formatShape(shape)})`);
  }
  if (target.some((d) => !Number.isInteger(d) || d < 0))
    throw new Error(`expand: ${formatShape(shape)} is not a valid shape`);
  const input = lead ? reshape(x, [...new Array(lead).fill(1), ...x.shape]) : x;
  if (shapesEqual(input.shape, target)) return input;
  return record('expand', [input], { shape: target }, target, x.dtype);
}

/** Removes the given size-1 axes, or every size-1 axis. */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes = axis === undefined ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes('squeeze', axis, x.shape);
  for (const a of axes)
    if (x.shape[a] !== 1) throw new Error(`squeeze: axis ${a} of ${formatShape(x.shape)} has size ${x.shape[a]}, not 1`);
  return reshape(x, x.shape.filter((_, i) => !axes.includes(i)));
}

/** Inserts a size-1 axis at `axis` (negative counts from the end of the result). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis('unsqueeze', axis, x.rank + 1);
  return reshape(x, [...x.shape.slice(0, a), 1, ...x.shape.slice(a)]);
}

/** Merges axes startAxis..endAxis into one. */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  if (x.rank === 0) return reshape(x, [1]);
  const s = normalizeAxis('flatten', startAxis, x.shape);
  const e = normalizeAxis('flatten', endAxis, x.shape);
  if (s > e) throw new Error(`flatten: startAxis ${startAxis} comes after endAxis ${endAxis}`);
  return reshape(x, [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)]);
}

/** Per-axis [begin, end) with step 1; negatives count from the end, missing axes are whole. */
export function slice(x: Tensor, begin: readonly number[], end?: readonly number[]): Tensor {
  if (begin.length > x.rank || (end && end.length > x.rank))
    throw new Error(`slice: ${begin.length} begin / ${end?.length ?? 0} end indices for a tensor of rank ${x.rank} ${formatShape(x.shape)}`);
  const b: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    const n = x.shape[i];
    const resolve = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    b.push(resolve(begin[i] ?? 0));
    e.push(Math.max(b[i], resolve(end?.[i] ?? n)));
  }
  if (b.every((v) => v === 0) && e.every((v, i) => v === x.shape[i])) return x;
  return record('slice', [x], { begin: b, end: e }, e.map((v, i) => v - b[i]), x.dtype);
}

/** Pads each axis with [before, after] elements of `value`; missing axes are not padded. */
export function pad(x: Tensor, pads: readonly (readonly [number, number])[], value = 0): Tensor {
  if (pads.length > x.rank) throw new Error(`pad: ${pads.length} pad pairs for a tensor of rank ${x.rank}`);
  const full: Pair[] = x.shape.map((_, i) => [pads[i]?.[0] ?? 0, pads[i]?.[1] ?? 0] as const);
  if (full.some(([a, b]) => !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0))
    throw new Error(`pad: pads must be non-negative integers, got ${JSON.stringify(pads)}`);
  if (full.every(([a, b]) => a === 0 && b === 0)) return x;
  const shape = x.shape.map((d, i) => d + full[i][0] + full[i][1]);
  return record('pad', [x], { pads: full, value }, shape, x.dtype);
}

/** Joins tensors along an existing axis; every other axis must match. */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('concat: needs at least one tensor');
  const first = tensors[0];
  const a = normalizeAxis('concat', axis, first.shape);
  for (const t of tensors) {
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== a && d !== first.shape[i]))
      throw new Error(
        `concat: shapes ${tensors.map((s) => formatShape(s.shape)).join(', ')} differ outside axis ${a}`,
      );
    if (t.dtype !== first.dtype)
      throw new Error(`concat: dtypes differ (${tensors.map((s) => s.dtype).join(', ')})`);
  }
  if (tensors.length === 1) return first;
  const shape = [...first.shape];
  shape[a] = tensors.reduce((n, t) => n + t.shape[a], 0);
  return record('concat', tensors, { axis: a }, shape, first.dtype);
}

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: needs at least one tensor');
  const a = normalizeAxis('stack', axis, tensors[0].rank + 1);
  for (const t of tensors)
    if (!shapesEqual(t.shape, tensors[0].shape))
      throw new Error(`stack: shapes ${tensors.map((s) => formatShape(s.shape)).join(', ')} differ`);
  return concat(tensors.map((t) => unsqueeze(t, a)), a);
}

/** The same value cut off from autograd (an identity node autograd does not look through). */
export function detach(x: Tensor): Tensor {
  const out = noGrad(() => record('reshape', [x], { shape: x.shape }, x.shape, x.dtype));
  out.detached = true;
  return out;
}

function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return inverse;
}

export const movementVjps: Pick<VjpTable, 'reshape' | 'permute' | 'expand' | 'slice' | 'pad' | 'concat'> = {
  reshape: (g, { inputs: [x] }) => [reshape(g, x.shape)],
  permute: (g, { attrs }) => [permute(g, inversePermutation(attrs.perm))],
  expand: (g, { inputs: [x] }) => {
    const axes = x.shape.flatMap((d, i) => (d === 1 && g.shape[i] !== 1 ? [i] : []));
    return [axes.length ? g.sum(axes, true) : g];
  },
  slice: (g, { inputs: [x], attrs }) => [pad(g, attrs.begin.map((b, i) => [b, x.shape[i] - attrs.end[i]] as const))],
  pad: (g, { inputs: [x], attrs }) => [slice(g, attrs.pads.map(([before]) => before), attrs.pads.map(([before], i) => before + x.shape[i]))],
  concat: (g, { inputs, attrs }) => {
    let offset = 0;
    return inputs.map((t) => {
      const begin = t.shape.map((_, i) => (i === attrs.axis ? offset : 0));
      const end = t.shape.map((d, i) => (i === attrs.axis ? offset + d : d));
      offset += t.shape[attrs.axis];
      return slice(g, begin, end);
    });
  },
};

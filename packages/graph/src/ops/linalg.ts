import { broadcastShapes, formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { record } from './record.js';
import { broadcastTo } from './elementwise.js';
import { permute, reshape } from './movement.js';
import type { VjpTable } from '../autograd/vjp.js';

/** Matrix product with NumPy `@` semantics: 1-D operands, and batch dims that broadcast. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  for (const t of [a, b])
    if (t.dtype === 'bool' || t.rank === 0)
      throw new Error(
        `matmul: operands must be numeric tensors of rank ≥ 1, got ${formatShape(a.shape)} ${a.dtype} @ ${formatShape(b.shape)} ${b.dtype}`,
      );
  if (a.dtype !== b.dtype)
    throw new Error(`matmul: dtypes differ: ${formatShape(a.shape)} ${a.dtype} @ ${formatShape(b.shape)} ${b.dtype}`);
  const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]]) : a;
  const b2 = b.rank === 1 ? reshape(b, [b.shape[0], 1]) : b;
  const [m, k] = a2.shape.slice(-2);
  const [k2, n] = b2.shape.slice(-2);
  if (k !== k2)
    throw new Error(`matmul: inner dimensions differ: ${formatShape(a.shape)} @ ${formatShape(b.shape)} (${k} ≠ ${k2})`);
  const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  if (!batch)
    throw new Error(`matmul: batch dimensions of ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be broadcast`);
  const lhs = broadcastTo(a2, [...batch, m, k], 'matmul');
  const rhs = broadcastTo(b2, [...batch, k, n], 'matmul');
  const out = record('matmul', [lhs, rhs], {}, [...batch, m, n], a.dtype);
  if (a.rank === 1 && b.rank === 1) return reshape(out, []);
  if (a.rank === 1) return reshape(out, [...batch, n]);
  if (b.rank === 1) return reshape(out, [...batch, m]);
  return out;
}

/** Swaps the last two axes. */
function swapLast(t: Tensor): Tensor {
  const perm = t.shape.map((_, i) => i);
  [perm[t.rank - 2], perm[t.rank - 1]] = [perm[t.rank - 1], perm[t.rank - 2]];
  return permute(t, perm);
}

export const linalgVjps: Pick<VjpTable, 'matmul'> = {
  matmul: (g, { inputs: [a, b] }) => [
    record('matmul', [g, swapLast(b)], {}, a.shape, a.dtype),
    record('matmul', [swapLast(a), g], {}, b.shape, b.dtype),
  ],
};

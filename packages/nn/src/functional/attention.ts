import { dropout as applyDropout, formatShape, fromArray, where, type Tensor } from '@loom/graph';

/** What masked scores become: finite, so a fully masked row gives uniform weights rather than NaN. */
export const maskedScore = -1e9;

/** An additive bias from a bool mask whose true entries are blocked: 0 where allowed, −1e9 where blocked. */
export function maskToBias(blocked: Tensor): Tensor {
  if (blocked.dtype !== 'bool') throw new Error(`maskToBias: the mask must be bool (true = blocked), got ${blocked.dtype} ${formatShape(blocked.shape)}`);
  return where(blocked, maskedScore, 0);
}

/** [queries, keys] bool, true above the diagonal: query i may not see keys after position i. */
export function causalMask(queries: number, keys = queries): Tensor {
  const blocked = new Uint8Array(queries * keys);
  // With fewer queries than keys, the queries are the last ones (decoding with a cache).
  const offset = keys - queries;
  for (let i = 0; i < queries; i++) for (let j = i + offset + 1; j < keys; j++) blocked[i * keys + j] = 1;
  return fromArray(blocked, [queries, keys]);
}

export interface AttentionOptions {
  /** Added to the scores before softmax; broadcast to [..., L, S] (see maskToBias). */
  bias?: Tensor;
  /** Block each query from keys that come after it. */
  isCausal?: boolean;
  /** Dropout on the attention weights, in training only. */
  dropout?: number;
  training?: boolean;
}

/**
 * softmax(q kᵀ / √d + bias) v, for q [..., L, d], k [..., S, d], v [..., S, dv]. Returns the output
 * [..., L, dv] and the weights [..., L, S]. Built from matmul and softmax: no kernel of its own.
 * @example scaledDotProductAttention(q, k, v, { isCausal: true }).output
 */
export function scaledDotProductAttention(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  { bias, isCausal = false, dropout = 0, training = true }: AttentionOptions = {},
): { output: Tensor; weights: Tensor } {
  const d = query.shape[query.rank - 1];
  if (key.shape[key.rank - 1] !== d || key.shape[key.rank - 2] !== value.shape[value.rank - 2])
    throw new Error(
      `scaledDotProductAttention: query ${formatShape(query.shape)}, key ${formatShape(key.shape)} and value ${formatShape(value.shape)} do not fit (q and k share d, k and v share S)`,
    );
  const perm = key.shape.map((_, i) => i);
  [perm[key.rank - 2], perm[key.rank - 1]] = [perm[key.rank - 1], perm[key.rank - 2]];
  let scores = query.matmul(key.transpose(perm)).mul(1 / Math.sqrt(d));
  const [queries, keys] = scores.shape.slice(-2);
  if (isCausal) scores = scores.add(maskToBias(causalMask(queries, keys)));
  if (bias) scores = scores.add(bias);
  const weights = scores.softmax(-1);
  const attended = dropout > 0 ? applyDropout(weights, dropout, { training }) : weights;
  return { output: attended.matmul(value), weights };
}

import type { Tensor } from '../tensor.js';
import { rand } from '../creation.js';
import { div, ge, where } from '../ops/elementwise.js';

export interface DropoutOptions {
  /** Same seed, same mask. */
  seed?: number;
  /** Off in evaluation: dropout is then the identity. */
  training?: boolean;
}

/** Zeroes each element with probability p and scales the rest by 1/(1−p) (inverted dropout). */
export function dropout(x: Tensor, p: number, { seed, training = true }: DropoutOptions = {}): Tensor {
  if (!(p >= 0 && p < 1)) throw new Error(`dropout: p must be in [0, 1), got ${p}`);
  if (!training || p === 0) return x;
  const keep = ge(rand(x.shape, { seed }), p);
  return where(keep, div(x, 1 - p), 0);
}

import { Random } from '@loom/graph';

/** A seeded random permutation of 0..n−1 (Fisher–Yates): same seed, same order. */
export function permutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = new Random(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

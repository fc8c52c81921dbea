import type { Tensor } from './tensor.js';
import { realizeUnlessTracing } from './core/realize.js';

/**
 * Computes several tensors in one program (shared work is done once); returns them. Inside a
 * function `compile` traces, this only marks them: they are computed when the program runs.
 */
export async function realize<T extends readonly Tensor[]>(...tensors: T): Promise<T> {
  await realizeUnlessTracing(tensors);
  return tensors;
}

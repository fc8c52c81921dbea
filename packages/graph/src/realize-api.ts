import type { Tensor } from './tensor.js';
import { realizeNodes } from './core/realize.js';

/** Computes several tensors in one program (shared work is done once); returns them. */
export async function realize<T extends readonly Tensor[]>(...tensors: T): Promise<T> {
  await realizeNodes(tensors);
  return tensors;
}

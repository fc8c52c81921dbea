import { Tensor } from '@loom/graph';

const parameters = new WeakSet<Tensor>();
const buffers = new WeakSet<Tensor>();

/**
 * A trainable tensor: a leaf (cut from `value`'s history) with requiresGrad, so `backward()` fills
 * its `.grad`. A Module field holding one is found by `namedParameters()`. Optimizers update it in
 * place (`assign`), so the field keeps pointing at the current value.
 */
export function parameter(value: Tensor): Tensor {
  const leaf = value.detach();
  leaf.requiresGrad = true;
  parameters.add(leaf);
  return leaf;
}

/**
 * State that is saved and loaded with the module but not trained (BatchNorm's running mean).
 * Non-persistent buffers (a positional-encoding table, derived from the constructor arguments) are
 * not: just keep them in a field.
 */
export function buffer(value: Tensor): Tensor {
  const leaf = value.detach();
  buffers.add(leaf);
  return leaf;
}

export function isParameter(value: unknown): value is Tensor {
  return value instanceof Tensor && parameters.has(value);
}

export function isBuffer(value: unknown): value is Tensor {
  return value instanceof Tensor && buffers.has(value);
}

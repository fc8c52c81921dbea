import type { TensorType } from '../model.js';

/** "[N, 128]", with the dtype appended when it is not float32: "[N, 32] int32". */
export function formatShape(type: TensorType): string {
  const shape = `[${type.shape.join(', ')}]`;
  return type.dtype === 'float32' ? shape : `${shape} ${type.dtype}`;
}

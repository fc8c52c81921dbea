import type { DType } from '@loom/graph';

/** The WGSL scalar type a dtype is stored and computed as: bool is a u32 holding 0 or 1. */
export type WgslType = 'f32' | 'i32' | 'u32';

export function wgslType(dtype: DType): WgslType {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int32':
      return 'i32';
    case 'bool':
      return 'u32';
  }
}

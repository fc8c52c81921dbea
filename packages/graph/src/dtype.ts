/** Element types a tensor can hold. Bool is stored one byte per element. */
export type DType = 'float32' | 'int32' | 'bool';

export type TypedArray = Float32Array | Int32Array | Uint8Array;

export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'int32'
    ? Int32Array
    : Uint8Array;

export const dtypes: readonly DType[] = ['float32', 'int32', 'bool'];

/** Allocates a zero-filled array of `size` elements of `dtype`. */
export function allocArray<D extends DType>(dtype: D, size: number): TypedArrayFor<D> {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as TypedArrayFor<D>;
    case 'int32':
      return new Int32Array(size) as TypedArrayFor<D>;
    case 'bool':
      return new Uint8Array(size) as TypedArrayFor<D>;
  }
  throw new Error(`unknown dtype "${String(dtype)}"`);
}

export function bytesPerElement(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}

/** The dtype whose array type `data` is. */
export function dtypeOfArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'int32' || value === 'bool';
}

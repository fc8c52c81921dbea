/** A dimension: a size, or a symbol — 'N' is the batch dimension; other strings are unknown sizes. */
export type Dim = number | string;

/** The type flowing along an edge: element type and shape (batch first). */
export interface TensorType {
  dtype: 'float32' | 'int32';
  shape: Dim[];
}

/** The symbolic batch dimension. */
export const batchDim = 'N';

/** "[N, 1, 28, 28] float32" — how diagnostics print a tensor type. */
export function formatType(type: TensorType): string {
  return `[${type.shape.join(', ')}] ${type.dtype}`;
}

/** True when two dimensions are certainly equal (the same number or the same symbol). */
export function sameDim(a: Dim, b: Dim): boolean {
  return a === b;
}

/** True when two dimensions may be equal: equal, or either is an unknown size (a symbol other than 'N'). */
export function dimsCompatible(a: Dim, b: Dim): boolean {
  if (a === b) return true;
  const unknown = (d: Dim) => typeof d === 'string' && d !== batchDim;
  return unknown(a) || unknown(b);
}

/** The product of some dimensions: a number when all are known, else a symbolic product like '64*T'. */
export function dimProduct(dims: readonly Dim[]): Dim {
  const known = dims.filter((d): d is number => typeof d === 'number').reduce((n, d) => n * d, 1);
  const symbols = dims.filter((d): d is string => typeof d === 'string');
  if (!symbols.length) return known;
  return [...(known === 1 ? [] : [String(known)]), ...symbols].join('*');
}

/** Replaces symbolic dims by concrete sizes (e.g. { N: 4 }); symbols not in `sizes` stay symbolic. */
export function concreteShape(shape: readonly Dim[], sizes: Readonly<Record<string, number>>): Dim[] {
  return shape.map((d) => (typeof d === 'string' && d in sizes ? sizes[d] : d));
}

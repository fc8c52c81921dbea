/** Shape arithmetic shared by the op definitions and the kernels. */
export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides: the distance in elements between neighbours along each axis. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** NumPy broadcasting of two shapes, or undefined when they are incompatible. */
export function broadcastShapes(a: Shape, b: Shape): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Resolves a possibly negative axis against a tensor's shape (or just its rank), or throws naming
 * the op and the shape.
 */
export function normalizeAxis(op: string, axis: number, shapeOrRank: Shape | number): number {
  const rank = typeof shapeOrRank === 'number' ? shapeOrRank : shapeOrRank.length;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    const range = rank === 0 ? 'a scalar has no axes' : `expected an integer in [${-rank}, ${rank - 1}]`;
    const what = typeof shapeOrRank === 'number' ? `rank ${rank}` : `shape ${formatShape(shapeOrRank)}`;
    throw new Error(`${op}: axis ${axis} is out of range for a tensor of ${what} (${range})`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves and sorts a list of axes; `undefined` means every axis. Duplicates are an error. */
export function normalizeAxes(op: string, axes: number | readonly number[] | undefined, shapeOrRank: Shape | number): number[] {
  const rank = typeof shapeOrRank === 'number' ? shapeOrRank : shapeOrRank.length;
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = list.map((a) => normalizeAxis(op, a, shapeOrRank)).sort((x, y) => x - y);
  for (let i = 1; i < out.length; i++)
    if (out[i] === out[i - 1]) throw new Error(`${op}: axis ${out[i]} is listed twice in [${list.join(', ')}]`);
  return out;
}

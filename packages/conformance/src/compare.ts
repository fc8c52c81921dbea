import type { Tolerance } from './op-case.js';

/** Row-major multi-index of flat index `flat` in `shape`, e.g. [1, 2]. */
function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/** How far `got` is from `want`, in units of the allowed error (> 1 fails); NaN and ±∞ must match exactly. */
function excess(got: number, want: number, tol: Tolerance): number {
  if (Number.isNaN(want)) return Number.isNaN(got) ? 0 : Infinity;
  if (!Number.isFinite(want)) return got === want ? 0 : Infinity;
  if (!Number.isFinite(got)) return Infinity;
  return Math.abs(got - want) / (tol.atol + tol.rtol * Math.abs(want));
}

/**
 * Throws unless every element of `got` is within `tol` of `want` (NumPy's allclose rule), naming
 * the worst element by its multi-index and how many elements fail.
 */
export function assertClose(
  label: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  shape: readonly number[],
  tol: Tolerance,
): void {
  if (got.length !== want.length) throw new Error(`${label}: got ${got.length} elements, expected ${want.length}`);
  let worst = -1;
  let worstExcess = 1;
  let failures = 0;
  for (let i = 0; i < want.length; i++) {
    const e = excess(got[i], want[i], tol);
    if (e > 1) failures++;
    if (e > worstExcess) {
      worstExcess = e;
      worst = i;
    }
  }
  if (failures === 0) return;
  throw new Error(
    `${label}: ${failures} of ${want.length} elements differ beyond rtol ${tol.rtol}, atol ${tol.atol}; ` +
      `worst at [${unravel(worst, shape).join(', ')}]: got ${got[worst]}, expected ${want[worst]}`,
  );
}

export function assertSameShape(label: string, got: readonly number[], want: readonly number[]): void {
  if (got.length !== want.length || got.some((d, i) => d !== want[i]))
    throw new Error(`${label}: shape is [${got.join(', ')}], expected [${want.join(', ')}]`);
}

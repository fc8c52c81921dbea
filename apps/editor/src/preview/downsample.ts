/**
 * At most `count` values standing for `values`: unchanged when it is short enough, else the mean
 * of each of `count` equal runs (the last runs may be a value shorter). Non-finite values are
 * skipped in a run's mean; a run of only non-finite values gives NaN.
 */
export function downsample(values: ArrayLike<number>, count: number): number[] {
  const n = values.length;
  if (n <= count) return Array.from(values);
  const out = new Array<number>(count);
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * n) / count);
    const end = Math.floor(((b + 1) * n) / count);
    let sum = 0;
    let finite = 0;
    for (let i = start; i < end; i++)
      if (Number.isFinite(values[i])) {
        sum += values[i];
        finite++;
      }
    out[b] = finite ? sum / finite : Number.NaN;
  }
  return out;
}

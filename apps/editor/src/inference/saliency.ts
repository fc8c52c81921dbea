/**
 * Saliency from the gradient of the class score with respect to the input: the magnitude per pixel
 * (the largest over channels when there are several), divided by the largest magnitude so the map
 * spans [0, 1]. An all-zero (or non-finite) gradient gives an all-zero map rather than NaNs.
 */
export function normalizeSaliency(gradient: ArrayLike<number>, channels = 1): Float32Array {
  const pixels = Math.floor(gradient.length / channels);
  const out = new Float32Array(pixels);
  let max = 0;
  for (let p = 0; p < pixels; p++) {
    let m = 0;
    for (let c = 0; c < channels; c++) {
      const g = Math.abs(gradient[c * pixels + p]);
      if (Number.isFinite(g) && g > m) m = g;
    }
    out[p] = m;
    if (m > max) max = m;
  }
  if (max > 0) for (let p = 0; p < pixels; p++) out[p] /= max;
  return out;
}

/** The softmax of logits, computed stably (shifted by the largest logit). */
export function softmax(logits: ArrayLike<number>): number[] {
  const values = Array.from(logits);
  const top = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

const twoOverSqrtPi = 2 / Math.sqrt(Math.PI);

/**
 * The error function to double precision (|error| < 2e-15), so the float32 result is exact to
 * rounding: common closed-form approximations (Abramowitz–Stegun 7.1.26, ~1e-7) are visibly wrong in
 * GELU. Below 2.5 it sums erf(x) = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1)), whose terms are all
 * positive (no cancellation); above it, erfc's continued fraction converges in a few dozen terms.
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 2.5) {
    const twoX2 = 2 * x * x;
    let term = x;
    let sum = x;
    for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= twoX2 / (2 * n + 1);
      sum += term;
    }
    return twoOverSqrtPi * Math.exp(-x * x) * sum;
  }
  // erfc(a) = e^(−a²)/√π · 1/(a + ½/(a + 1/(a + 3⁄2/(a + …)))), evaluated from the tail up.
  let fraction = a;
  for (let k = 40; k >= 1; k--) fraction = a + k / 2 / fraction;
  const erfc = Math.exp(-a * a) / (Math.sqrt(Math.PI) * fraction);
  return x < 0 ? erfc - 1 : 1 - erfc;
}

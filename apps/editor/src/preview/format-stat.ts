/** A statistic in at most ~6 characters: 3 significant digits, exponent form outside [0.001, 10⁴). */
export function formatStat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const text = a >= 1e4 || a < 1e-3 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
  return text.replace(/^-/, '−');
}

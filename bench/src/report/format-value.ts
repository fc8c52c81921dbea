import type { Figure } from './report-types.js';

/** A figure's value with digits to suit its size, or "n/a (reason)". */
export function formatValue(figure: Figure): string {
  if (figure.value === undefined || !Number.isFinite(figure.value)) return `n/a (${figure.reason ?? 'not measured'})`;
  const v = figure.value;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3;
  return v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A markdown table; columns after the first are right-aligned (they hold numbers). */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}

/** A number with `digits` decimals, or a dash when there is none. */
export function formatNumber(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** a ÷ b as "1.23×", or a dash when either side is missing. */
export function formatRatio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !(b > 0) ? '—' : `${(a / b).toFixed(2)}×`;
}

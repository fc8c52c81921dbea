import type { Measurement } from './measure.js';

/** Renders measurements as a markdown table; later suites add throughput columns and peer ratios. */
export function toMarkdown(title: string, rows: readonly Measurement[]): string {
  const lines = [`## ${title}`, '', '| benchmark | median ms | runs |', '| --- | ---: | ---: |'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.medianMs.toFixed(3)} | ${r.runs} |`);
  return lines.join('\n') + '\n';
}

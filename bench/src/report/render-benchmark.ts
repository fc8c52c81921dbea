import { formatValue } from './format-value.js';
import { ratioCell } from './ratio.js';
import { peers, type Benchmark, type Figure } from './report-types.js';

/**
 * One benchmark as a markdown table: a row per case and engine, the value with its timing basis,
 * and one "Loom / peer" column per peer present (×faster, whatever the unit), filled on Loom rows.
 */
export function renderBenchmark(benchmark: Benchmark): string {
  // Ratio columns only for the peers in this table (none in the round trips); ratios only on Loom rows.
  const present = peers.filter((p) => benchmark.figures.some((f) => f.peer === p));
  const isLoom = (f: Figure) => f.peer === undefined && f.engine.startsWith('Loom');
  const header = ['case', 'engine', benchmark.unit, 'timing', ...present.map((p) => `Loom / ${p}`)];
  const rows = benchmark.figures.map((f) => [
    f.case,
    f.engine,
    formatValue(f),
    f.basis ?? '',
    ...present.map((p) => (isLoom(f) ? ratioCell(benchmark, f, p) : '')),
  ]);
  const note = benchmark.note ? `${benchmark.note}\n\n` : '';
  // Case and engine are text (left-aligned); the value and ratio columns are numbers.
  const align = header.map((_, i) => (i < 2 ? '---' : '---:'));
  const table = [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return `### ${benchmark.title}\n\n${note}${table}\n`;
}

import type { Benchmark, Figure, Peer } from './report-types.js';

/**
 * The "Loom / peer" cell of a Loom row: how many times faster Loom is than `peer` on the same case
 * (throughput ÷ throughput, or the peer's time ÷ Loom's time). "n/a" when either side has no
 * figure, "—" when the peer was not in the run.
 */
export function ratioCell(benchmark: Benchmark, loom: Figure, peer: Peer): string {
  const other = benchmark.figures.find((f) => f.peer === peer && f.case === loom.case);
  if (!other) return '—';
  if (loom.value === undefined || other.value === undefined || !(loom.value > 0) || !(other.value > 0)) return 'n/a';
  const ratio = benchmark.higherIsBetter ? loom.value / other.value : other.value / loom.value;
  return `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}×`;
}

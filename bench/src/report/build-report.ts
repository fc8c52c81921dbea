import { benchmarkCatalog, type FigureSet } from './benchmark-catalog.js';
import { peers, type Benchmark, type Environment, type Figure, type Report } from './report-types.js';

/** Within a case: Loom's rows in the order measured, then other rows, then the peers in column order. */
const rank = (f: Figure) => (f.peer ? 2 + peers.indexOf(f.peer) : f.engine.startsWith('Loom') ? 0 : 1);

/**
 * One report from the figure sets of every source, in catalog order: a benchmark's figures are
 * grouped by case (in the order cases first appear), Loom first within a case, and a table with no
 * figures is left out.
 */
export function buildReport(environment: Environment, sources: readonly FigureSet[], failures: Report['failures'] = []): Report {
  const benchmarks: Benchmark[] = [];
  for (const entry of benchmarkCatalog) {
    const figures = sources.flatMap((s) => s[entry.id] ?? []);
    if (figures.length === 0) continue;
    const cases = [...new Set(figures.map((f) => f.case))];
    const grouped = cases.flatMap((c) => figures.filter((f) => f.case === c).sort((a, b) => rank(a) - rank(b)));
    benchmarks.push({ ...entry, figures: grouped });
  }
  return { environment, benchmarks, failures };
}

import type { FigureSet } from './benchmark-catalog.js';
import { loomLabel } from './loom-label.js';
import { peerOf } from './peer-of.js';
import type { Figure } from './report-types.js';

/** What `@loom/workers`' benchmark writes with `--json <file>`. */
export interface WorkersResults {
  roundTrips: { what: string; us: number }[];
  matmul1024: { name: string; ms: number; gflops: number }[];
  mlp: { batches: number[]; rows: { name: string; samplesPerSecond: Record<string, number> }[] };
  parallelCapacity: number[];
}

/**
 * The workers' benchmark as report figures: matmul 1024 on every host and peer, the round trips
 * (with a compiled MLP step through the pool), and the MLP row the kernel suite lacks (pool, 1 worker).
 */
export function workersFigures(results: WorkersResults): FigureSet {
  const matmul: Figure[] = results.matmul1024.map((r) => ({
    case: 'N = 1024, through the pool',
    engine: loomLabel(r.name),
    peer: peerOf(r.name),
    basis: 'wall',
    value: r.gflops,
  }));
  const roundTrip: Figure[] = results.roundTrips.map((r) => ({
    case: r.what,
    engine: r.what.includes('PoolBackend') ? 'Loom CPU pool, 1 worker' : 'Node worker_threads (no Loom)',
    basis: 'wall',
    value: r.us,
  }));
  const batch = results.mlp.batches[0];
  const training: Figure[] = [];
  for (const row of results.mlp.rows) {
    const samples = row.samplesPerSecond[String(batch)];
    if (row.name.startsWith('Loom pool') && samples > 0) {
      roundTrip.push({
        case: `compiled MLP training step (batch ${batch}), one program`,
        engine: loomLabel(row.name),
        basis: 'wall',
        value: (batch * 1e6) / samples,
      });
    }
    if (row.name.startsWith('Loom pool, 1 worker')) {
      training.push({ case: 'MLP 784-128-64-10', engine: loomLabel(row.name), basis: 'wall (workers bench)', value: samples });
    }
  }
  return { matmul, 'round-trip': roundTrip, training };
}

/**
 * `npm run bench` for @loom/workers: round-trip costs, matmul 1024 on 1 vs 2 workers vs in-process
 * vs peers, the split threshold sweep, the cost of one compiled MLP step, and MLP training
 * samples/s against tfjs and jax-js. Prints markdown; `--quick` skips the slow MLP peers' batch 256;
 * `--json <file>` also writes the figures there (read by @loom/bench's combined report).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parallelCapacity } from './capacity.js';
import { matmul1024, splitThreshold } from './matmul.js';
import { mlpTraining } from './mlp.js';
import { roundTrips } from './round-trips.js';
import { measureSide, thresholdSweeps, type Side } from './thresholds.js';
import { table } from './timing.js';

const out = (text: string) => process.stdout.write(text + '\n');
const quick = process.argv.includes('--quick');

const sideAt = process.argv.indexOf('--threshold-side');
if (sideAt >= 0) {
  // One side of the threshold sweeps, as JSON (run by thresholdSweeps in a process of its own).
  const side = process.argv[sideAt + 1] as Side;
  out(JSON.stringify({ figures: await measureSide(side, quick) }));
  process.exit(0);
}
if (process.argv.includes('--thresholds')) {
  // Only the split-threshold sweeps (how the defaults in src/pool/thresholds.ts were chosen).
  out(`## Split thresholds (Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  out((await thresholdSweeps(quick)).markdown);
  process.exit(0);
}

out(`## @loom/workers benchmarks (Node ${process.version}, ${availableParallelism()} threads available)\n`);
const capacities: number[] = [];
const capacity = async () => {
  capacities.push(await parallelCapacity());
  return `${capacities[capacities.length - 1].toFixed(2)}× (load average ${loadavg()[0].toFixed(1)})`;
};
out(`Parallel capacity at start: two workers did ${await capacity()} the work of one.\n`);
const trips = await roundTrips();
out(trips.markdown);
out(await splitThreshold([16, 32, 48, 64, 96, 128, 192, 256]));
if (!quick) {
  out('### Split thresholds per kind of launch (engine + 1 heap helper vs one thread)\n');
  out((await thresholdSweeps(false)).markdown);
}
const matmul = await matmul1024();
out(matmul.markdown);
const batches = quick ? [64] : [64, 256];
const rows = await mlpTraining(batches, quick ? 2 : 3);
const jax = rows.find((r) => r.name.startsWith('jax-js'));
const tfWasm = rows.find((r) => r.name.startsWith('tfjs wasm'));
out(
  table(
    `MLP 784-128-64-10 training, samples/s (median of ${quick ? 2 : 3} alternating rounds, load average ${loadavg()[0].toFixed(1)})`,
    ['implementation', ...batches.map((b) => `batch ${b}`), `ms per step (batch ${batches[0]})`, ...batches.map((b) => `vs jax-js (${b})`), ...batches.map((b) => `vs tfjs wasm (${b})`)],
    rows.map((r) => [
      r.name,
      ...batches.map((b) => r.samplesPerSecond[b].toFixed(0)),
      ((batches[0] * 1000) / r.samplesPerSecond[batches[0]]).toFixed(2),
      ...batches.map((b) => (jax ? (r.samplesPerSecond[b] / jax.samplesPerSecond[b]).toFixed(2) + '×' : '')),
      ...batches.map((b) => (tfWasm ? (r.samplesPerSecond[b] / tfWasm.samplesPerSecond[b]).toFixed(2) + '×' : '')),
    ]),
  ),
);
out(`Parallel capacity at the end: ${await capacity()}.`);
const jsonAt = process.argv.indexOf('--json');
if (jsonAt >= 0) {
  const json = { roundTrips: trips.rows, matmul1024: matmul.rows, mlp: { batches, rows }, parallelCapacity: capacities };
  writeFileSync(process.argv[jsonAt + 1], JSON.stringify(json, null, 2) + '\n');
}
process.exit(0);

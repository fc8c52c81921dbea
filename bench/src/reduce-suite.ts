import type { ReduceEngine, ReduceProblem } from './engines/engine.js';
import { seededFloats } from './seeded.js';
import { timeWithin } from './time-within.js';

export interface ReduceResult {
  engine: string;
  problem: string;
  medianMs: number;
  cpuMs: number;
  bestCpuMs: number;
  runs: number;
  /** Input elements reduced per CPU-nanosecond in the fastest run. */
  gelems: number;
  maxError: number;
}

const rows = 1024;
const cols = 1024;

/** The hot reductions of training: softmax / cross-entropy rows, and bias-gradient columns. */
export function reduceProblems(): (ReduceProblem & { name: string })[] {
  const data = seededFloats(rows * cols, 7);
  return [
    { name: `sum over the last axis of ${rows}×${cols}`, op: 'sum', axis: 1, rows, cols, data },
    { name: `max over the last axis of ${rows}×${cols}`, op: 'max', axis: 1, rows, cols, data },
    { name: `sum over the first axis of ${rows}×${cols}`, op: 'sum', axis: 0, rows, cols, data },
  ];
}

function expected({ op, axis, data }: ReduceProblem): Float64Array {
  const out = new Float64Array(axis === 1 ? rows : cols).fill(op === 'sum' ? 0 : -Infinity);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = axis === 1 ? r : c;
      const v = data[r * cols + c];
      out[i] = op === 'sum' ? out[i] + v : Math.max(out[i], v);
    }
  return out;
}

export async function runReduceSuite(
  engines: readonly ReduceEngine[],
  budgetMs = 300,
): Promise<ReduceResult[]> {
  const results: ReduceResult[] = [];
  for (const problem of reduceProblems()) {
    const want = expected(problem);
    for (const engine of engines) {
      const prepared = await engine.prepare(problem);
      const timing = await timeWithin(() => prepared.run(), budgetMs);
      const got = await prepared.read();
      // Sums of `cols` terms in [−1, 1): float32 rounding stays far below 1e-3 absolute.
      const maxError = Math.max(...Array.from(want, (w, i) => Math.abs(got[i] - w)));
      prepared.dispose();
      results.push({
        engine: engine.name,
        problem: problem.name,
        ...timing,
        gelems: (rows * cols) / timing.bestCpuMs / 1e6,
        maxError: Number.isNaN(maxError) ? Infinity : maxError,
      });
    }
  }
  return results;
}

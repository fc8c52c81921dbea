/** One benchmark's timing: the median over repeated runs after warm-up, which resists outliers on shared machines. */
export interface Measurement {
  name: string;
  medianMs: number;
  runs: number;
}

export interface MeasureOptions {
  warmup?: number;
  minRuns?: number;
  minTimeMs?: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` until both `minRuns` and `minTimeMs` are reached and reports the median time. */
export async function measure(
  name: string,
  fn: () => unknown | Promise<unknown>,
  { warmup = 3, minRuns = 10, minTimeMs = 500 }: MeasureOptions = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minTimeMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { name, medianMs: median(times), runs: times.length };
}

/**
 * Median wall time of `run` in ms: one warm-up (pipelines compile there), then at least two runs
 * and as many more as fit in `budgetMs`, at most 30.
 */
export async function wallMedianMs(run: () => Promise<void>, budgetMs: number): Promise<number> {
  await run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 2 || (times.length < 30 && performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

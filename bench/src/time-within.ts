import { median } from './measure.js';

export interface Timing {
  /** Median wall-clock time of one run. */
  medianMs: number;
  /**
   * Median CPU time (user + system) of this process during one run. For the single-threaded
   * engines measured here it equals wall time on an idle machine, and it stays put when other
   * processes share the cores — which is why the tables report throughput from it.
   */
  cpuMs: number;
  /**
   * The fastest run's CPU time: on a machine shared with other work (this project's CI runs next
   * to other sessions), the least disturbed run is the best estimate of the engine's own speed.
   */
  bestCpuMs: number;
  runs: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/**
 * Times `fn` within roughly `budgetMs`: a first run warms up (JIT tiers, wasm tier-up, caches),
 * then runs repeat until at least 3 and the budget are reached. A first run slower than the
 * budget is followed by a single timed run; one slower than `aloneMs` is reported by itself,
 * so engines a hundred times slower than the rest (tfjs cpu at N = 1024, jax-js conv) keep the
 * whole benchmark within its few minutes.
 */
export async function timeWithin(
  fn: () => unknown,
  budgetMs: number,
  aloneMs = 2000,
): Promise<Timing> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await fn();
  const firstCpu = cpuMsSince(c0);
  const first = performance.now() - t0;
  if (first > aloneMs) return { medianMs: first, cpuMs: firstCpu, bestCpuMs: firstCpu, runs: 1 };
  const minRuns = first > budgetMs ? 1 : 3;
  if (first * 3 < budgetMs) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (wall.length < minRuns || (first <= budgetMs && performance.now() - start < budgetMs)) {
    const w = performance.now();
    const c = process.cpuUsage();
    await fn();
    cpu.push(cpuMsSince(c));
    wall.push(performance.now() - w);
  }
  return {
    medianMs: median(wall),
    cpuMs: median(cpu),
    bestCpuMs: Math.min(...cpu),
    runs: wall.length,
  };
}

/** Median wall time of `fn` over repeated runs after warm-up; enough runs to fill `minMs`. */
export async function medianMs(fn: () => unknown, { warmup = 2, minRuns = 5, minMs = 300 } = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** Median per-iteration time of a loop of `n` calls of `fn`, for operations far below a millisecond. */
export async function perCallUs(fn: () => unknown, n: number): Promise<number> {
  return ((await medianMs(async () => {
    for (let i = 0; i < n; i++) await fn();
  })) * 1000) / n;
}

export function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [`### ${title}`, '', line(header), line(header.map(() => '---')), ...rows.map(line), ''].join('\n');
}

/** Median wall and CPU ms (the whole process: every worker thread's CPU counts) per run of `fn`. */
export async function medianWallCpu(fn: () => unknown, { warmup = 2, minRuns = 5, minMs = 300 } = {}): Promise<{ ms: number; cpuMs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (wall.length < minRuns || performance.now() - start < minMs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return { ms: median(wall), cpuMs: median(cpu) };
}

import { CpuBackend } from '@loom/backend-cpu';
import { nodeHeapHelpers } from '@loom/backend-cpu/node';
import { realize, registerBackend, setBackend, tensor, type Backend, type BufferId, type DType, type Program, type Tensor, type TypedArray } from '@loom/graph';
import { loadavg } from 'node:os';
import { randomArray } from './loom-matmul.js';
import { table } from './timing.js';

/**
 * Where sharing a launch with a helper thread starts to pay, per kind of launch: the same op on
 * a CpuBackend with one heap helper and every threshold at 0, against one without helpers — both
 * in this thread, in alternating blocks so load from other processes hits both alike. The graph
 * records `f(x)` once (on a backend that only captures its writes and programs); both backends
 * then run the same captured program, so each figure is the median time of `backend.run` for
 * the op alone. Besides wall time it reports CPU time (this process, all threads): the split's
 * extra CPU is its cost, which does not depend on how many cores other processes leave free,
 * so the thresholds are chosen where that cost is small against the work (see the README).
 */

interface Sweep {
  title: string;
  unit: string;
  sizes: readonly { label: string; size: number; shapes: number[][] }[];
  f: (...xs: Tensor[]) => Tensor;
}

const matmulSizes = [32, 64, 96, 128, 192, 256, 384, 512].map((n) => ({ label: `${n}×${n}×${n}`, size: 2 * n ** 3, shapes: [[n, n], [n, n]] }));
/** The MLP 784-128-64-10's first layer, forward, at the benchmark's batch sizes. */
const mlpLayers = [32, 64, 128, 256].map((b) => ({ label: `${b}×784×128`, size: 2 * b * 784 * 128, shapes: [[b, 784], [784, 128]] }));
const elementSizes = [12, 14, 15, 16, 17, 18, 19, 20, 22].map((p) => ({ label: `2^${p}`, size: 2 ** p, shapes: [[2 ** p]] }));
const rowSizes = [12, 14, 15, 16, 17, 18, 19, 20, 22].map((p) => ({ label: `2^${p} (${2 ** p / 256}×256)`, size: 2 ** p, shapes: [[2 ** p / 256, 256]] }));

export const sweeps: readonly Sweep[] = [
  { title: 'matmul (n×n by n×n)', unit: 'FLOP', sizes: matmulSizes, f: (a, b) => a.matmul(b) },
  { title: 'matmul, MLP first layer', unit: 'FLOP', sizes: mlpLayers, f: (a, b) => a.matmul(b) },
  { title: 'fused elementwise, cheap (x·1.5 + 0.5, relu)', unit: 'elements', sizes: elementSizes, f: (x) => x.mul(1.5).add(0.5).relu() },
  { title: 'fused elementwise, transcendental (tanh(x)·x)', unit: 'elements', sizes: elementSizes, f: (x) => x.tanh().mul(x) },
  { title: 'reduce: sum over rows (trailing axis)', unit: 'elements', sizes: rowSizes, f: (x) => x.sum(1) },
  { title: 'reduce: sum over columns (leading axis)', unit: 'elements', sizes: rowSizes, f: (x) => x.sum(0) },
];

/** Median wall and CPU µs per run of `run`, over enough runs to fill ~`budgetUs`. */
function measure(run: () => void, budgetUs: number): { wallUs: number; cpuUs: number } {
  for (let i = 0; i < 3; i++) run(); // warm-up: kernels compiled, helper awake
  const wall: number[] = [];
  const cpu: number[] = [];
  let spent = 0;
  while (wall.length < 9 || (spent < budgetUs && wall.length < 400)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const us = (performance.now() - t0) * 1000;
    const c = process.cpuUsage(c0);
    wall.push(us);
    cpu.push(c.user + c.system);
    spent += us;
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return { wallUs: median(wall), cpuUs: median(cpu) };
}

/** A backend that computes nothing: it keeps the writes and programs the graph sends it. */
class CaptureBackend implements Backend {
  readonly name = 'threshold-capture';
  writes: [BufferId, DType, TypedArray][] = [];
  programs: Program[] = [];
  write(id: BufferId, dtype: DType, data: TypedArray): void {
    this.writes.push([id, dtype, data.slice()]);
  }
  async read(): Promise<TypedArray> {
    return new Float32Array(0);
  }
  free(): void {}
  run(program: Program): void {
    this.programs.push(program);
  }
}

export type Side = 'split' | 'whole';
/** One side's medians: [sweep][size] → wall and CPU µs. */
export type SideFigures = { wallUs: number; cpuUs: number }[][];

/**
 * One side of the comparison, in this process (two CpuBackends in one process disturb each
 * other's timings, so each side runs in its own): every sweep's op, recorded once by the graph
 * and run directly on a CpuBackend with one helper and every threshold at 0 (`split`), or
 * without helpers (`whole`).
 */
export async function measureSide(side: Side, quick: boolean): Promise<SideFigures> {
  const backend =
    side === 'split'
      ? new CpuBackend({ helpers: nodeHeapHelpers(1, { backOff: false }), splitMinFlops: 0, splitMinElements: 0, splitMinReduceElements: 0 })
      : new CpuBackend();
  const capture = new CaptureBackend();
  registerBackend(capture.name, () => capture);
  await setBackend(capture.name);
  const figures: SideFigures = [];
  for (const sweep of sweeps) {
    const row: SideFigures[number] = [];
    for (const { shapes } of sweep.sizes) {
      capture.writes = [];
      capture.programs = [];
      const xs = await realize(...shapes.map((shape, i) => tensor(randomArray(shape.reduce((a, b) => a * b, 1), i + 1), { shape })));
      await realize(sweep.f(...xs));
      const program = capture.programs[capture.programs.length - 1];
      for (const [id, dtype, data] of capture.writes) backend.write(id, dtype, data);
      row.push(measure(() => void backend.run(program), quick ? 100_000 : 300_000));
      for (const [id] of capture.writes) backend.free(id);
    }
    figures.push(row);
  }
  return figures;
}

export interface ThresholdRow {
  sweep: string;
  label: string;
  size: number;
  wholeUs: number;
  splitUs: number;
  speedup: number;
  wholeCpuUs: number;
  splitCpuUs: number;
  /** The split's extra CPU time as a fraction of the unsplit launch's. */
  overhead: number;
}

/**
 * Runs every sweep: each side in its own process (`main.js --threshold-side <side>`), the two
 * alternating `rounds` times so changing load hits both alike; the figures are the medians over
 * the rounds. Returns the markdown tables and the rows.
 */
export async function thresholdSweeps(quick: boolean): Promise<{ markdown: string; rows: ThresholdRow[] }> {
  const { execFileSync } = await import('node:child_process');
  const main = new URL('./main.js', import.meta.url).pathname;
  const runs: Record<Side, SideFigures[]> = { split: [], whole: [] };
  const loads: number[] = [];
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    for (const side of ['whole', 'split'] as const) {
      loads.push(loadavg()[0]);
      const out = execFileSync(process.execPath, [main, '--threshold-side', side, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
      runs[side].push(JSON.parse(out.slice(out.indexOf('{'))).figures as SideFigures);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const pick = (side: Side, s: number, k: number, key: 'wallUs' | 'cpuUs') => median(runs[side].map((f) => f[s][k][key]));
  const rows: ThresholdRow[] = [];
  const parts: string[] = [];
  sweeps.forEach((sweep, s) => {
    const lines = sweep.sizes.map(({ label, size }, k) => {
      const [wholeUs, splitUs, wholeCpuUs, splitCpuUs] = [pick('whole', s, k, 'wallUs'), pick('split', s, k, 'wallUs'), pick('whole', s, k, 'cpuUs'), pick('split', s, k, 'cpuUs')];
      const overhead = (splitCpuUs - wholeCpuUs) / wholeCpuUs;
      rows.push({ sweep: sweep.title, label, size, wholeUs, splitUs, speedup: wholeUs / splitUs, wholeCpuUs, splitCpuUs, overhead });
      return [
        label,
        formatSize(size),
        wholeUs.toFixed(0),
        splitUs.toFixed(0),
        (wholeUs / splitUs).toFixed(2) + '×',
        wholeCpuUs.toFixed(0),
        splitCpuUs.toFixed(0),
        `${overhead >= 0 ? '+' : ''}${(overhead * 100).toFixed(0)}%`,
      ];
    });
    parts.push(table(sweep.title, ['size', sweep.unit, 'one thread µs', 'engine + 1 helper µs', 'wall speed-up', 'one thread CPU µs', 'split CPU µs', 'split CPU overhead'], lines));
  });
  const note = `Load average while measuring: ${loads.map((l) => l.toFixed(1)).join(', ')}; medians of ${runs.split.length} alternating runs per side.\n`;
  return { markdown: note + '\n' + parts.join('\n'), rows };
}

function formatSize(size: number): string {
  return size >= 1e6 ? `${(size / 1e6).toFixed(1)}M` : size >= 1e3 ? `${(size / 1e3).toFixed(0)}k` : `${size}`;
}

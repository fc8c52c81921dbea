import { convPassLabels } from './conv-suite.js';
import type { ConvPass, ConvResult } from './conv-suite.js';
import type { FmaReport } from './fma-report.js';
import { formatNumber, formatRatio, markdownTable } from './markdown-table.js';
import type { MatmulResult } from './matmul-suite.js';
import type { ReduceResult } from './reduce-suite.js';

export const loomEngines = ['Loom WASM SIMD', 'Loom WASM FMA'] as const;
export const peerEngines = ['tfjs cpu', 'tfjs wasm', 'jax-js wasm'] as const;

/** Errors above this (relative to Σ|a·b|) mean a wrong result, not rounding; flagged with ✗. */
const errorLimit = 1e-4;

function cell(result: { gflops: number; maxError: number } | undefined): string {
  if (!result) return '—';
  return formatNumber(result.gflops) + (result.maxError > errorLimit ? ' ✗' : '');
}

/** GFLOP/s per engine and size, then each Loom variant's ratio against each peer. */
export function matmulTables(results: readonly MatmulResult[], fma: FmaReport): string {
  const all = fma.available ? [...results, ...fma.matmul] : results;
  const order = [...loomEngines, 'Loom JS reference', ...peerEngines];
  const rank = (engine: string) => (order.indexOf(engine) + order.length + 1) % (order.length + 1);
  const engines = [...new Set(all.map((r) => r.engine))].sort((a, b) => rank(a) - rank(b));
  const sizes = [...new Set(all.map((r) => r.n))];
  const find = (engine: string, n: number) => all.find((r) => r.engine === engine && r.n === n);
  const gflops = markdownTable(
    ['N', ...engines],
    sizes.map((n) => [String(n), ...engines.map((e) => cell(find(e, n)))]),
  );
  const pairs = loomEngines.flatMap((loom) => peerEngines.map((peer) => [loom, peer] as const));
  const ratios = markdownTable(
    ['N', ...pairs.map(([loom, peer]) => `${loom.replace('Loom WASM ', '')} ÷ ${peer}`)],
    sizes.map((n) => [
      String(n),
      ...pairs.map(([loom, peer]) => formatRatio(find(loom, n)?.gflops, find(peer, n)?.gflops)),
    ]),
  );
  const note = fma.available ? '' : `\nLoom WASM FMA not measured: ${fma.reason}.\n`;
  return `### matmul N×N, float32, one thread (GFLOP/s per CPU-second, best run)\n\n${gflops}\n${ratios}${note}`;
}

/** Per conv problem: each engine's forward and training-step time, GFLOP/s and ratio to tfjs wasm. */
export function convTable(results: readonly ConvResult[], fma: FmaReport): string {
  const all = fma.available ? [...results, ...fma.conv] : results;
  const timed = (engine: string, problem: string, pass: ConvPass) => {
    const found = all.find((r) => r.engine === engine && r.problem === problem && r.pass === pass);
    return found && 'medianMs' in found ? found : undefined;
  };
  const rows = all.map((r) => {
    const what = [r.problem, r.engine, convPassLabels[r.pass]];
    if (!('medianMs' in r)) return [...what, 'unsupported', '—', '—', '—'];
    const peer = timed('tfjs wasm', r.problem, r.pass);
    const peerForward = timed('tfjs wasm', r.problem, 'forward');
    return [
      ...what,
      formatNumber(r.bestCpuMs, 2),
      cell(r),
      formatRatio(peer?.bestCpuMs, r.bestCpuMs),
      // The target: every pass at least 1.5× tfjs wasm's forward speed (per flop).
      formatRatio(r.gflops, peerForward?.gflops),
    ];
  });
  const notes = [
    ...new Set(all.flatMap((r) => ('unsupported' in r ? [`${r.engine}: ${r.unsupported}.`] : []))),
  ];
  return (
    '### conv2d NCHW, float32, one thread (CPU time of the best run)\n\n' +
    markdownTable(
      [
        'problem',
        'engine',
        'pass',
        'CPU ms',
        'GFLOP/s',
        'speed-up vs tfjs wasm (same pass)',
        'GFLOP/s ÷ tfjs wasm forward',
      ],
      rows,
    ) +
    notes.map((n) => `\n${n}\n`).join('')
  );
}

/** Elements reduced per nanosecond per engine, and Loom's ratio to each other engine. */
export function reduceTable(results: readonly ReduceResult[]): string {
  const problems = [...new Set(results.map((r) => r.problem))];
  const engines = [...new Set(results.map((r) => r.engine))];
  const others = engines.filter((e) => e !== loomEngines[0]);
  const find = (engine: string, problem: string) =>
    results.find((r) => r.engine === engine && r.problem === problem);
  const mark = (r: ReduceResult | undefined) =>
    r ? formatNumber(r.gelems, 2) + (r.maxError > 1e-3 ? ' ✗' : '') : '—';
  return (
    '### reductions, float32, one thread (G elements per CPU-second, best run)\n\n' +
    markdownTable(
      ['problem', ...engines, ...others.map((e) => `SIMD ÷ ${e}`)],
      problems.map((p) => [
        p,
        ...engines.map((e) => mark(find(e, p))),
        ...others.map((e) => formatRatio(find(loomEngines[0], p)?.gelems, find(e, p)?.gelems)),
      ]),
    )
  );
}

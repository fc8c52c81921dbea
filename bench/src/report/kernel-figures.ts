import type { ChainResult } from '../chain-suite.js';
import type { ConvResult } from '../conv-suite.js';
import type { FmaReport } from '../fma-report.js';
import type { MatmulResult } from '../matmul-suite.js';
import type { TrainingResult } from '../training-suite.js';
import type { FigureSet } from './benchmark-catalog.js';
import { loomLabel } from './loom-label.js';
import { peerOf } from './peer-of.js';
import type { Figure } from './report-types.js';

/** What `main.ts` writes to results/kernels*.json (the parts the report uses). */
export interface KernelResults {
  matmul?: MatmulResult[];
  conv?: ConvResult[];
  chain?: ChainResult[];
  training?: TrainingResult[];
  fma?: FmaReport;
}

const modelCase = { mlp: 'MLP 784-128-64-10', cnn: 'CNN (MNIST textbook)' } as const;

const figure = (caseName: string, engine: string, basis: string, value: number | undefined, reason?: string): Figure => ({
  case: caseName,
  engine: loomLabel(engine),
  peer: peerOf(engine),
  basis,
  ...(value === undefined ? { reason: reason ?? 'not measured' } : { value }),
});

/**
 * The kernel suites' results as report figures (throughput per CPU-second, training per wall
 * second), in the suites' order; the report groups them by case.
 */
export function kernelFigures(results: KernelResults): FigureSet {
  // The FMA child measures matmul and conv whichever suite ran it; take only the suite's own half.
  const fma = results.fma?.available ? results.fma : undefined;
  const fmaMatmul = results.matmul?.length ? (fma?.matmul ?? []) : [];
  const fmaConv = results.conv?.length ? (fma?.conv ?? []) : [];
  const matmul = [...(results.matmul ?? []), ...fmaMatmul].map((r) => figure(`N = ${r.n}`, r.engine, 'CPU-s', r.gflops));
  const conv = [...(results.conv ?? []), ...fmaConv].map((r) =>
    figure(`${r.problem}, ${r.pass}`, r.engine, 'CPU-s', 'gflops' in r ? r.gflops : undefined, 'unsupported' in r ? r.unsupported : undefined),
  );
  const chain = (results.chain ?? []).map((r) => figure('1,048,576 floats', r.engine, 'CPU-s', r.melems));
  const training = (results.training ?? []).map((r) => figure(modelCase[r.model], r.engine, 'wall', r.samplesPerSecond, r.reason));
  return { matmul, conv2d: conv, chain, training };
}

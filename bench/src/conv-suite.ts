import { convOutputShape } from './engines/engine.js';
import type { ConvEngine, ConvProblem } from './engines/engine.js';
import { seededFloats } from './seeded.js';
import { timeWithin } from './time-within.js';

/** The forward pass, each backward pass alone (dx, dw), and all three as one training step. */
export type ConvPass = 'forward' | 'inputGrad' | 'filterGrad' | 'training';

/** How the report names each pass. */
export const convPassLabels: Record<ConvPass, string> = {
  forward: 'forward',
  inputGrad: 'dx',
  filterGrad: 'dw',
  training: 'fwd + dx + dw',
};

export type ConvResult = ConvTiming | ConvUnsupported;

/** An engine that cannot run a pass, and why. */
export interface ConvUnsupported {
  engine: string;
  problem: string;
  pass: ConvPass;
  unsupported: string;
}

export interface ConvTiming {
  engine: string;
  problem: string;
  pass: ConvPass;
  medianMs: number;
  cpuMs: number;
  bestCpuMs: number;
  runs: number;
  /** Throughput per CPU-second of the process in the fastest run (see Timing.bestCpuMs). */
  gflops: number;
  wallGflops: number;
  /** Forward output's largest relative error at sampled positions; NaN when not checked. */
  maxError: number;
}

function problem(
  name: string,
  x: ConvProblem['x'],
  w: ConvProblem['w'],
  padding: number,
): ConvProblem {
  const base: ConvProblem = {
    name,
    x,
    w,
    padding,
    xData: new Float32Array(),
    wData: new Float32Array(),
    dyData: new Float32Array(),
  };
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  return {
    ...base,
    xData: seededFloats(size(x), 1),
    wData: seededFloats(size(w), 2),
    dyData: seededFloats(size(convOutputShape(base)), 3),
  };
}

/** MNIST-CNN's two conv layers at batch 64, and the issue's [64, 32, 28, 28] 3×3 case. */
export function convProblems(): ConvProblem[] {
  return [
    problem('MNIST conv1: 64×1×28×28 → 32, 3×3', [64, 1, 28, 28], [32, 1, 3, 3], 0),
    problem('MNIST conv2: 64×32×13×13 → 64, 3×3', [64, 32, 13, 13], [64, 32, 3, 3], 0),
    problem('64×32×28×28 → 32, 3×3, pad 1', [64, 32, 28, 28], [32, 32, 3, 3], 1),
  ];
}

/** Forward flops: 2 per multiply-add, N·O·OH·OW·C·kH·kW of them. Each backward pass costs as much. */
export function convFlops(p: ConvProblem): number {
  const [n, o, oh, ow] = convOutputShape(p);
  return 2 * n * o * oh * ow * p.w[1] * p.w[2] * p.w[3];
}

/** Checks 16 output positions against the direct formula in float64. */
function forwardError(p: ConvProblem, y: Float32Array): number {
  if (y.length === 0) return Number.NaN;
  const [, c, h, w] = p.x;
  const [, o, oh, ow] = convOutputShape(p);
  const [, , kh, kw] = p.w;
  let worst = 0;
  for (let s = 0; s < 16; s++) {
    const index = (s * 7919 + 3) % y.length;
    const [n, oc, r, col] = [
      Math.floor(index / (o * oh * ow)),
      Math.floor(index / (oh * ow)) % o,
      Math.floor(index / ow) % oh,
      index % ow,
    ];
    let value = 0;
    let scale = 0;
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++) {
          const [ih, iw] = [r + i - p.padding, col + j - p.padding];
          if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
          const term =
            p.xData[((n * c + ci) * h + ih) * w + iw] * p.wData[((oc * c + ci) * kh + i) * kw + j];
          value += term;
          scale += Math.abs(term);
        }
    worst = Math.max(worst, Math.abs(y[index] - value) / (scale || 1));
  }
  return worst;
}

export async function runConvSuite(
  engines: readonly ConvEngine[],
  budgetMs = 800,
): Promise<ConvResult[]> {
  const results: ConvResult[] = [];
  for (const p of convProblems()) {
    const flops = convFlops(p);
    for (const engine of engines) {
      const prepared = await engine.prepare(p);
      for (const pass of ['forward', 'inputGrad', 'filterGrad', 'training'] as const) {
        const runnable = prepared[pass];
        // Engines time the backward passes one by one only where they can (Loom's kernels).
        if (runnable === undefined) continue;
        if (typeof runnable === 'string') {
          results.push({ engine: engine.name, problem: p.name, pass, unsupported: runnable });
          continue;
        }
        const timing = await timeWithin(() => runnable.run(), budgetMs);
        const maxError =
          pass === 'forward' ? forwardError(p, await prepared.forward.read()) : Number.NaN;
        const passFlops = pass === 'training' ? 3 * flops : flops;
        results.push({
          engine: engine.name,
          problem: p.name,
          pass,
          ...timing,
          gflops: passFlops / timing.bestCpuMs / 1e6,
          wallGflops: passFlops / timing.medianMs / 1e6,
          maxError,
        });
      }
      for (const pass of [
        prepared.forward,
        prepared.inputGrad,
        prepared.filterGrad,
        prepared.training,
      ])
        if (pass !== undefined && typeof pass !== 'string') pass.dispose();
      prepared.dispose();
    }
  }
  return results;
}

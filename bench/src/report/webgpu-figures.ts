import type { PageBenchResult } from '../webgpu/page-protocol.js';
import type { FigureSet } from './benchmark-catalog.js';
import type { Figure } from './report-types.js';
import { webgpuEngineLabel } from './webgpu-label.js';

/** The WebGPU page's figures as report rows, labelled "emulated (SwiftShader)" on a software adapter. */
export function webgpuFigures(run: PageBenchResult): FigureSet {
  const engine = `${webgpuEngineLabel(run.adapter)}, page main thread`;
  const set: FigureSet = {};
  for (const f of run.figures) {
    const figure: Figure = { case: f.case, engine, basis: 'wall', ...(f.value === undefined ? { reason: f.reason ?? 'failed' } : { value: f.value }) };
    (set[f.benchmark] ??= []).push(figure);
  }
  return set;
}

import type { PageBenchResult } from '../webgpu/page-protocol.js';
import type { FigureSet } from './benchmark-catalog.js';
import { kernelFigures, type KernelResults } from './kernel-figures.js';
import { webgpuFigures } from './webgpu-figures.js';
import { workersFigures, type WorkersResults } from './workers-figures.js';

/** Every part's own output in one run, as report.json keeps it under `raw`. */
export interface RawResults {
  kernels: KernelResults[];
  workers?: WorkersResults;
  webgpu?: PageBenchResult;
}

/** The figure sets of a run's raw results: kernel suites, then the workers' benchmark, then WebGPU. */
export function figureSetsOf(raw: RawResults): FigureSet[] {
  return [
    ...raw.kernels.map(kernelFigures),
    ...(raw.workers ? [workersFigures(raw.workers)] : []),
    ...(raw.webgpu ? [webgpuFigures(raw.webgpu)] : []),
  ];
}

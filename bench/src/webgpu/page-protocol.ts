import type { AdapterInfo } from '../report/webgpu-label.js';

/** What the Node driver asks the WebGPU page to run. */
export interface PageBenchOptions {
  matmulSizes: number[];
  chainLength: number;
  /** Also time conv2d forward and a CNN training step (seconds each on SwiftShader). */
  conv: boolean;
  /** Wall-clock budget per case, ms (a case always runs at least twice after its warm-up). */
  budgetMs: number;
}

/** One WebGPU figure, named as in the report (benchmark id and case). */
export interface PageFigure {
  benchmark: 'matmul' | 'conv2d' | 'chain' | 'training';
  case: string;
  value?: number;
  reason?: string;
}

/** The page's answer: the adapter it ran on and its figures. */
export interface PageBenchResult {
  adapter: AdapterInfo;
  backendDescription: string;
  userAgent: string;
  figures: PageFigure[];
}

/** The function the page puts on `window` for the driver to call. */
export type PageBench = (options: PageBenchOptions) => Promise<PageBenchResult>;
export const pageBenchGlobal = 'loomWebGpuBench' as const;

declare global {
  /** Set by the WebGPU benchmark page once its script has loaded. */
  var loomWebGpuBench: PageBench | undefined;
}

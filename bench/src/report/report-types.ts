/** The peers every Loom figure is compared with, in column order. */
export const peers = ['tfjs cpu', 'tfjs wasm', 'jax-js'] as const;
export type Peer = (typeof peers)[number];

/**
 * One engine's figure for one case of a benchmark: a number, or the reason there is none
 * ("no Conv2DBackpropFilter kernel", "not run: --quick").
 */
export interface Figure {
  /** What was measured, e.g. "N = 512" or "MLP 784-128-64-10, batch 64". */
  case: string;
  /** The row label, e.g. "Loom CPU pool, 2 workers" or "tfjs wasm (1 thread)". */
  engine: string;
  /** Set on a peer's rows: the column its figure is the denominator of. Loom rows leave it unset. */
  peer?: Peer;
  /** How the time was taken, e.g. "CPU-s" or "wall"; shown beside the value. */
  basis?: string;
  value?: number;
  reason?: string;
}

export interface Benchmark {
  id: string;
  title: string;
  /** The value column's unit, e.g. "GFLOP/s", "samples/s", "µs". */
  unit: string;
  /** Throughputs: true. Times (µs per round trip): false, so ratios are inverted to stay "×faster". */
  higherIsBetter: boolean;
  /** One paragraph under the title: sizes, what a row means. */
  note?: string;
  figures: Figure[];
}

export interface Environment {
  date: string;
  cpu: string;
  cores: number;
  node: string;
  loadAverageAtStart: readonly number[];
  loadAverageAtEnd?: readonly number[];
  chromium?: string;
  webgpuAdapter?: string;
  quick: boolean;
  seconds?: number;
}

export interface Report {
  environment: Environment;
  benchmarks: Benchmark[];
  /** Parts of the run that failed as a whole (a child process that crashed), with their error. */
  failures: { part: string; error: string }[];
}

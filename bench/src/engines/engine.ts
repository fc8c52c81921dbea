/** One benchmark case of one engine, with its inputs already in the engine's own memory. */
export interface PreparedCase {
  /** The timed work; may return a promise (jax-js computes asynchronously). */
  run(): unknown;
  /** The output of the last run, row-major (NCHW for images), for the correctness check. */
  read(): Promise<Float32Array>;
  dispose(): void;
}

/** A float32 matmul implementation under test. */
export interface MatmulEngine {
  name: string;
  /** C = A · B for N×N row-major inputs. */
  prepare(n: number, a: Float32Array, b: Float32Array): Promise<PreparedCase>;
}

/** A conv2d layer: NCHW input, [O, C, kH, kW] filters, stride 1, the same padding on every side. */
export interface ConvProblem {
  name: string;
  x: readonly [number, number, number, number];
  w: readonly [number, number, number, number];
  padding: number;
  xData: Float32Array;
  wData: Float32Array;
  /** The upstream gradient, shaped like the output. */
  dyData: Float32Array;
}

export interface PreparedConv {
  forward: PreparedCase;
  /**
   * Forward and both backward passes (dx and dw), as one training step of the layer runs them;
   * a string says why the engine cannot run it.
   */
  training: PreparedCase | string;
  /** The input gradient alone (dx from dy and w), where the engine exposes it as a kernel. */
  inputGrad?: PreparedCase | string;
  /** The filter gradient alone (dw from x and dy), likewise. */
  filterGrad?: PreparedCase | string;
  dispose(): void;
}

export interface ConvEngine {
  name: string;
  prepare(problem: ConvProblem): Promise<PreparedConv>;
}

/** The output shape of a stride-1 conv2d. */
export function convOutputShape(p: ConvProblem): [number, number, number, number] {
  const [n, , h, w] = p.x;
  const [o, , kh, kw] = p.w;
  return [n, o, h + 2 * p.padding - kh + 1, w + 2 * p.padding - kw + 1];
}

/** A float32 reduction of a rows × cols matrix: over the last axis (per row) or the first (per column). */
export interface ReduceProblem {
  op: 'sum' | 'max';
  axis: 0 | 1;
  rows: number;
  cols: number;
  data: Float32Array;
}

export interface ReduceEngine {
  name: string;
  prepare(problem: ReduceProblem): Promise<PreparedCase>;
}

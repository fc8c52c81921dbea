import { isContiguous, renderExpr, sizeOf, type DType, type FusedExpr, type LoadExpr, type TypedArray, type View } from '@loom/graph';
import { erf } from '../kernels/erf.js';
import type { WasmFused } from '../wasm/wasm-fused.js';
import { distinctLoads, sameLoad } from './distinct-loads.js';
import { jsDialect } from './js-dialect.js';

/** A compiled fused kernel: fills `out` (in place over `out` for epilogues, where acc = out[i]). */
export type FusedKernelFn = (inputs: readonly TypedArray[], out: TypedArray) => void;

export interface FusedSignature {
  expr: FusedExpr;
  inputDTypes: readonly DType[];
  shape: readonly number[];
  /** Set for epilogues: `acc` reads the element being overwritten, of this dtype. */
  accDType?: DType;
}

/** NaN-propagating max/min that agree with the unfused kernels. */
const max = (a: number, b: number) => (a >= b || Number.isNaN(a) ? a : b);
const min = (a: number, b: number) => (a <= b || Number.isNaN(a) ? a : b);

function isConstantView(view: View, shape: readonly number[]): boolean {
  return shape.every((d, i) => d === 1 || view.strides[i] === 0);
}

/**
 * Generates a JavaScript loop for a fused expression (V8 compiles it to machine code). When every
 * read is contiguous or a broadcast scalar the loop is flat; otherwise nested loops step each
 * read's offset by its strides, so no index is divided or multiplied per element.
 */
export function compileFusedKernel(sig: FusedSignature): FusedKernelFn {
  const { shape } = sig;
  const rank = shape.length;
  const loads = distinctLoads(sig.expr);
  const index = (l: LoadExpr) => loads.findIndex((m) => sameLoad(m, l));
  const flat = loads.every((l) => isContiguousRead(l.view, shape) || isConstantView(l.view, shape));
  const lines = sig.inputDTypes.map((_, k) => `const in${k} = inputs[${k}];`);
  const accLine = sig.accDType ? 'const acc = out[i];' : '';
  if (flat) {
    const read = (l: LoadExpr) =>
      isConstantView(l.view, shape) ? `in${l.input}[${l.view.offset}]` : `in${l.input}[i + ${l.view.offset}]`;
    const body = renderExpr(sig.expr, jsDialect(read), sig.inputDTypes, sig.accDType);
    lines.push(`for (let i = 0; i < ${sizeOf(shape)}; i++) {`, accLine, ...body.statements, `out[i] = ${body.value};`, '}');
  } else {
    // p{d}_{j}: read j's offset with the first d+1 output indices applied.
    const read = (l: LoadExpr) => `in${l.input}[p${rank - 1}_${index(l)}]`;
    const body = renderExpr(sig.expr, jsDialect(read), sig.inputDTypes, sig.accDType);
    lines.push('let i = 0;');
    for (let d = 0; d < rank; d++) {
      lines.push(`for (let d${d} = 0; d${d} < ${shape[d]}; d${d}++) {`);
      loads.forEach((l, j) => {
        const previous = d === 0 ? String(l.view.offset) : `p${d - 1}_${j}`;
        lines.push(`const p${d}_${j} = ${previous} + d${d} * ${l.view.strides[d]};`);
      });
    }
    lines.push(accLine, ...body.statements, `out[i++] = ${body.value};`, '}'.repeat(rank));
  }
  const make = new Function('erf', 'max', 'min', `return function fused(inputs, out) {\n${lines.join('\n')}\n};`);
  return make(erf, max, min) as FusedKernelFn;
}

/** Row-major strides at any offset: the read walks the buffer in output order. */
function isContiguousRead(view: View, shape: readonly number[]): boolean {
  return isContiguous({ strides: view.strides, offset: 0 }, shape);
}

/** The WASM kernel where it applies (operands on the heap), else the JavaScript one. */
function withWasm(js: FusedKernelFn, wasm: ((inputs: readonly TypedArray[], out: TypedArray) => boolean) | undefined): FusedKernelFn {
  if (!wasm) return js;
  return (inputs, out) => {
    if (!wasm(inputs, out)) js(inputs, out);
  };
}

/**
 * Compiled kernels by signature: a training loop compiles each distinct kernel once. Programs
 * replayed step by step (the worker pool's engine) hand in the same expression objects every time,
 * so those are found by identity before the full signature is serialised.
 */
export class FusedKernelCache {
  private readonly kernels = new Map<string, FusedKernelFn>();
  private readonly byExpr = new WeakMap<FusedExpr, Map<string, FusedKernelFn>>();

  /** `wasm` gives the WASM SIMD generator when the backend runs on a heap (asked per new kernel). */
  constructor(private readonly wasm: () => WasmFused | undefined = () => undefined) {}

  get(sig: FusedSignature): FusedKernelFn {
    const shapeKey = `${sig.inputDTypes.join(',')}|${sig.shape.join(',')}|${sig.accDType ?? ''}`;
    let known = this.byExpr.get(sig.expr);
    const hit = known?.get(shapeKey);
    if (hit) return hit;
    const key = JSON.stringify([sig.expr, sig.inputDTypes, sig.shape, sig.accDType ?? null]);
    let kernel = this.kernels.get(key);
    if (!kernel) {
      kernel = withWasm(compileFusedKernel(sig), this.wasm()?.compile(sig));
      this.kernels.set(key, kernel);
    }
    if (!known) this.byExpr.set(sig.expr, (known = new Map()));
    known.set(shapeKey, kernel);
    return kernel;
  }

  get size(): number {
    return this.kernels.size;
  }
}

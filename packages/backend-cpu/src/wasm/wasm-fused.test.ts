import type { DType, FusedExpr, View } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { compileFusedKernel } from '../fused/fused-kernel.js';
import { distinctLoads } from '../fused/distinct-loads.js';
import { WasmFused, runLayout } from './wasm-fused.js';
import { WasmHeap } from './wasm-heap.js';

const heap = new WasmHeap({ initialBytes: 1 << 20 });
const fused = new WasmFused(heap);

const rowMajor = (shape: readonly number[]): View => {
  const strides: number[] = [];
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = shape[d] === 1 ? 0 : s;
    s *= shape[d];
  }
  return { strides, offset: 0 };
};
const load = (input: number, view: View): FusedExpr => ({ kind: 'load', input, view });
const c = (value: number, dtype: DType = 'float32'): FusedExpr => ({ kind: 'const', value, dtype });
const un = (op: Extract<FusedExpr, { kind: 'unary' }>['op'], x: FusedExpr): FusedExpr => ({ kind: 'unary', op, x });
const bin = (op: Extract<FusedExpr, { kind: 'binary' }>['op'], a: FusedExpr, b: FusedExpr): FusedExpr => ({ kind: 'binary', op, a, b });
const cast = (dtype: DType, x: FusedExpr): FusedExpr => ({ kind: 'cast', dtype, x });

function heapArray(values: ArrayLike<number>): Float32Array {
  const array = heap.f32(heap.alloc(Math.max(1, values.length) * 4), values.length);
  array.set(Array.from(values));
  return array;
}

function seededValues(length: number, seed: number, scale = 4): number[] {
  let s = seed;
  return Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2 * scale);
}

/** Runs the WASM kernel and the JavaScript one on the same inputs; both results, as arrays. */
function both(expr: FusedExpr, shape: number[], inputs: number[][], acc?: number[]) {
  const sig = { expr, inputDTypes: inputs.map(() => 'float32' as const), shape, accDType: acc ? ('float32' as const) : undefined };
  const kernel = fused.compile(sig);
  const size = shape.reduce((a, b) => a * b, 1);
  const wasmOut = heapArray(acc ?? new Array(size).fill(Number.NaN));
  const jsOut = new Float32Array(acc ?? new Array(size).fill(Number.NaN));
  const handled = kernel?.(inputs.map(heapArray), wasmOut) ?? false;
  compileFusedKernel(sig)(inputs.map((v) => Float32Array.from(v)), jsOut);
  return { handled, wasm: Array.from(wasmOut), js: Array.from(jsOut) };
}

function expectClose(got: number[], want: number[], rtol: number, atol: number): void {
  got.forEach((g, i) => {
    const w = want[i];
    if (Number.isNaN(w) || !Number.isFinite(w)) expect(g, `element ${i}`).toBe(w);
    else expect(Math.abs(g - w), `element ${i}: ${g} vs ${w}`).toBeLessThanOrEqual(atol + rtol * Math.abs(w));
  });
}

describe('WasmFused', () => {
  const x = load(0, rowMajor([37]));
  const specials = [0, -0, 1e-8, -1e-8, 0.05, -0.09, 0.11, 1, -1, 20, -20, 88, 88.7, 89, -87, -87.5, -104, -1000, 1000, Infinity, -Infinity, Number.NaN];

  it('computes exp within 2 ulp, with 0 below the normal range, +∞ above it and NaN kept', () => {
    const values = [...specials, ...seededValues(200, 3, 90)];
    const { handled, wasm, js } = both(un('exp', load(0, rowMajor([values.length]))), [values.length], [values]);
    expect(handled).toBe(true);
    expectClose(wasm, js, 2.4e-7, 1.2e-38);
  });

  it('computes tanh within the forward tolerance, keeping the sign and NaN', () => {
    const values = [...specials, ...seededValues(300, 5, 3), ...seededValues(100, 7, 0.2)];
    const { handled, wasm, js } = both(un('tanh', load(0, rowMajor([values.length]))), [values.length], [values]);
    expect(handled).toBe(true);
    expectClose(wasm, js, 2e-6, 1e-7);
    expect(Object.is(wasm[1], -0)).toBe(true);
  });

  it('runs the 8-op chain sqrt(|exp(tanh(1.5x + 0.5)·x) − 1|)·3 like the JavaScript kernel', () => {
    const chain = bin('mul', un('sqrt', un('abs', bin('sub', un('exp', bin('mul', un('tanh', bin('add', bin('mul', x, c(1.5)), c(0.5))), x)), c(1)))), c(3));
    const { handled, wasm, js } = both(chain, [37], [seededValues(37, 11)]);
    expect(handled).toBe(true);
    expectClose(wasm, js, 1e-5, 1e-6);
  });

  it('matches maximum and minimum exactly, NaN and signed zeros included', () => {
    const a = [1, -0, 0, Number.NaN, 2, -3, Number.NaN, 5, 0];
    const b = [2, 0, -0, 1, Number.NaN, -3, Number.NaN, -5, 0];
    for (const op of ['maximum', 'minimum'] as const) {
      const { handled, wasm, js } = both(bin(op, load(0, rowMajor([9])), load(1, rowMajor([9]))), [9], [a, b]);
      expect(handled).toBe(true);
      wasm.forEach((v, i) => expect(Object.is(v, js[i]), `${op} element ${i}: ${v} vs ${js[i]}`).toBe(true));
    }
  });

  it('computes the ReLU gradient mask through bool and int32 casts exactly', () => {
    const dy = load(0, rowMajor([2, 3, 7]));
    const y = load(1, rowMajor([2, 3, 7]));
    const mask = cast('float32', bin('eq', cast('int32', bin('lt', y, c(0))), c(0, 'int32')));
    const values = seededValues(42, 9);
    values[3] = Number.NaN;
    const { handled, wasm, js } = both(bin('mul', dy, mask), [2, 3, 7], [seededValues(42, 8), values]);
    expect(handled).toBe(true);
    expect(wasm).toEqual(js);
  });

  it('selects with where on a comparison and divides', () => {
    const a = load(0, rowMajor([19]));
    const b = load(1, rowMajor([19]));
    const expr: FusedExpr = { kind: 'where', cond: bin('lt', a, b), a: bin('div', a, b), b: un('neg', bin('sub', a, b)) };
    const { handled, wasm, js } = both(expr, [19], [seededValues(19, 1), seededValues(19, 2)]);
    expect(handled).toBe(true);
    expect(wasm).toEqual(js);
  });

  it('adds a per-channel bias as an in-place epilogue, one run per image plane', () => {
    const shape = [2, 3, 5, 5];
    const bias = load(0, { strides: [0, 1, 0, 0], offset: 0 });
    const acc = seededValues(150, 4);
    const { handled, wasm, js } = both(bin('add', { kind: 'acc' }, bias), shape, [[10, 20, 30]], acc);
    expect(handled).toBe(true);
    expect(wasm).toEqual(js);
  });

  it('lays out runs: flat for contiguous and scalar reads, per row for broadcasts', () => {
    const shape = [4, 3, 8];
    const flat = runLayout(shape, distinctLoads(bin('add', load(0, rowMajor(shape)), load(1, { strides: [0, 0, 0], offset: 2 }))));
    expect(flat).toMatchObject({ rows: 1, inner: 96, steps: ['stream', 'splat'] });
    const rows = runLayout([4, 3, 16], distinctLoads(bin('add', load(0, rowMajor([4, 3, 16])), load(1, { strides: [0, 1, 0], offset: 0 }))));
    expect(rows).toMatchObject({ rows: 12, inner: 16, steps: ['stream', 'splat'] });
    expect(Array.from(rows!.rowOffsets.slice(0, 8))).toEqual([0, 0, 16, 1, 32, 2, 48, 0]);
  });

  it('declines what it cannot match: transposed reads, short runs, log, int32 division, float → int32 casts', () => {
    const sig = (expr: FusedExpr, shape = [8, 8]) => ({ expr, inputDTypes: ['float32' as const], shape });
    expect(fused.compile(sig(load(0, { strides: [1, 8], offset: 0 })))).toBeUndefined();
    expect(fused.compile(sig(load(0, { strides: [1, 0], offset: 0 })))).toBeUndefined();
    expect(fused.compile(sig(un('log', load(0, rowMajor([8, 8])))))).toBeUndefined();
    expect(fused.compile(sig(cast('float32', bin('div', cast('int32', load(0, rowMajor([8, 8]))), c(2, 'int32')))))).toBeUndefined();
    expect(fused.compile({ ...sig(load(0, rowMajor([8, 8]))), inputDTypes: ['int32' as const] })).toBeUndefined();
  });

  it('leaves arrays that are not on the heap to the caller', () => {
    const kernel = fused.compile({ expr: un('neg', load(0, rowMajor([8]))), inputDTypes: ['float32'], shape: [8] });
    expect(kernel?.([new Float32Array(8)], heapArray(new Array(8).fill(0)))).toBe(false);
  });
});

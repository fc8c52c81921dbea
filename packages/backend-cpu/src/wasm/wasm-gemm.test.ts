import { describe, expect, it } from 'vitest';
import { cpuArray, noAttrs, randomIntegers, runKernel } from '../testing/arrays.js';
import { fromHeap, simdVariants, toHeap } from '../testing/heap-arrays.js';
import { WasmGemm } from './wasm-gemm.js';
import { WasmHeap } from './wasm-heap.js';

/** The reference kernel's product of seeded integer matrices (exact in float32). */
function reference(m: number, k: number, n: number, seed: number) {
  const a = randomIntegers([m, k], seed);
  const b = randomIntegers([k, n], seed + 1);
  return { a, b, c: runKernel('matmul', [a, b], [m, n], noAttrs) };
}

/** The transpose of a row-major matrix, as a new row-major matrix. */
function transpose(values: ArrayLike<number>, rows: number, cols: number): number[] {
  return Array.from(
    { length: rows * cols },
    (_, i) => values[(i % rows) * cols + Math.floor(i / rows)],
  );
}

const awkward: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 1],
  [1, 17, 33],
  [5, 8, 3],
  [17, 33, 65],
  [65, 3, 17],
  [33, 65, 5],
  [130, 70, 257],
];

for (const variant of simdVariants()) {
  describe(`WasmGemm with ${variant.name}`, () => {
    const heap = new WasmHeap({ initialBytes: 1 << 20 });
    const gemm = new WasmGemm(heap, { fma: variant.fma });
    // Tiny cache blocks force several A, B and K blocks, and edge tiles inside each.
    const blocked = new WasmGemm(heap, { fma: variant.fma, blocking: { mc: 7, kc: 5, nc: 13 } });

    it.each(awkward)('matches the reference kernel for M=%i, K=%i, N=%i', (m, k, n) => {
      const { a, b, c } = reference(m, k, n, m * 1000 + k * 10 + n);
      for (const g of [gemm, blocked]) {
        const [pa, pb, pc] = [toHeap(heap, a), toHeap(heap, b), heap.alloc(m * n * 4)];
        g.gemm(
          m,
          n,
          k,
          { offset: pa, rowStride: k, colStride: 1 },
          { offset: pb, rowStride: n, colStride: 1 },
          { offset: pc, rowStride: n },
        );
        expect(fromHeap(heap, pc, m * n)).toEqual(Array.from(c.data));
        [pa, pb, pc].forEach((p) => heap.free(p));
      }
    });

    it('multiplies transposed operands given by swapped strides', () => {
      const [m, k, n] = [19, 23, 29];
      const { a, b, c } = reference(m, k, n, 7);
      const pa = toHeap(heap, transpose(a.data, m, k)); // stored [k, m]
      const pb = toHeap(heap, transpose(b.data, k, n)); // stored [n, k]
      const pc = heap.alloc(m * n * 4);
      for (const g of [gemm, blocked]) {
        g.gemm(
          m,
          n,
          k,
          { offset: pa, rowStride: 1, colStride: m },
          { offset: pb, rowStride: 1, colStride: k },
          { offset: pc, rowStride: n },
        );
        expect(fromHeap(heap, pc, m * n)).toEqual(Array.from(c.data));
      }
    });

    it('adds into C when accumulating and writes only the requested rows', () => {
      const [m, k, n] = [23, 9, 21];
      const { a, b, c } = reference(m, k, n, 11);
      const pa = toHeap(heap, a);
      const pb = toHeap(heap, b);
      const start = Array.from({ length: m * n }, (_, i) => (i % 7) - 3);
      for (const g of [gemm, blocked]) {
        const pc = toHeap(heap, start);
        const ref = { offset: pc, rowStride: n };
        g.gemm(
          m,
          n,
          k,
          { offset: pa, rowStride: k, colStride: 1 },
          { offset: pb, rowStride: n, colStride: 1 },
          ref,
          {
            accumulate: true,
            rowBegin: 6,
            rowEnd: 17,
          },
        );
        const expected = start.map((v, i) => {
          const row = Math.floor(i / n);
          return row >= 6 && row < 17 ? v + c.data[i] : v;
        });
        expect(fromHeap(heap, pc, m * n)).toEqual(expected);
        heap.free(pc);
      }
    });

    it('writes into a C whose rows are wider than N (a column block of a bigger matrix)', () => {
      const [m, k, n, width] = [9, 4, 10, 16];
      const { a, b, c } = reference(m, k, n, 3);
      const pc = toHeap(heap, new Array(m * width).fill(-1));
      gemm.gemm(
        m,
        n,
        k,
        { offset: toHeap(heap, a), rowStride: k, colStride: 1 },
        { offset: toHeap(heap, b), rowStride: n, colStride: 1 },
        { offset: pc, rowStride: width },
      );
      const out = fromHeap(heap, pc, m * width);
      for (let i = 0; i < m; i++) {
        expect(out.slice(i * width, i * width + n)).toEqual(
          Array.from(c.data.slice(i * n, (i + 1) * n)),
        );
        expect(out.slice(i * width + n, (i + 1) * width)).toEqual(new Array(width - n).fill(-1));
      }
    });

    it('gives zeros for an empty inner dimension unless accumulating', () => {
      const pc = toHeap(heap, [5, 5, 5, 5, 5, 5]);
      const empty = { offset: 64, rowStride: 0, colStride: 1 };
      gemm.gemm(2, 3, 0, empty, empty, { offset: pc, rowStride: 3 }, { accumulate: true });
      expect(fromHeap(heap, pc, 6)).toEqual([5, 5, 5, 5, 5, 5]);
      gemm.gemm(2, 3, 0, empty, empty, { offset: pc, rowStride: 3 });
      expect(fromHeap(heap, pc, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    });

    it('stays within float32 rounding of the reference on random real numbers', () => {
      const [m, k, n] = [37, 301, 45];
      let seed = 1;
      const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
      const a = cpuArray(Array.from({ length: m * k }, next), [m, k]);
      const b = cpuArray(Array.from({ length: k * n }, next), [k, n]);
      const c = runKernel('matmul', [a, b], [m, n], noAttrs);
      const pc = heap.alloc(m * n * 4);
      gemm.gemm(
        m,
        n,
        k,
        { offset: toHeap(heap, a), rowStride: k, colStride: 1 },
        { offset: toHeap(heap, b), rowStride: n, colStride: 1 },
        { offset: pc, rowStride: n },
      );
      const out = fromHeap(heap, pc, m * n);
      for (let i = 0; i < m * n; i++)
        expect(Math.abs(out[i] - c.data[i])).toBeLessThan(1e-4 * Math.sqrt(k));
    });
  });
}

describe('WasmGemm options', () => {
  it('refuses FMA when the engine cannot validate relaxed SIMD', () => {
    const heap = new WasmHeap({ initialBytes: 65536 });
    if (simdVariants().some((v) => v.fma))
      expect(new WasmGemm(heap, { fma: true }).tile.fma).toBe(true);
    else expect(() => new WasmGemm(heap, { fma: true })).toThrow(/relaxed SIMD/);
  });

  it('refuses a row range outside the matrix', () => {
    const heap = new WasmHeap({ initialBytes: 65536 });
    const any = { offset: 64, rowStride: 1, colStride: 1 };
    expect(() =>
      new WasmGemm(heap).gemm(4, 4, 4, any, any, any, { rowBegin: 2, rowEnd: 5 }),
    ).toThrow(/rows \[2, 5\)/);
  });
});

import { WasmHeap, WasmKernels } from '@loom/backend-cpu';
import type { HeapTensor } from '@loom/backend-cpu';
import { convOutputShape } from './engine.js';
import type {
  ConvEngine,
  ConvProblem,
  MatmulEngine,
  PreparedConv,
  ReduceEngine,
} from './engine.js';

function upload(heap: WasmHeap, data: Float32Array, shape: readonly number[]): HeapTensor {
  const offset = heap.alloc(data.length * 4);
  heap.f32(offset, data.length).set(data);
  return { offset, shape };
}

function output(heap: WasmHeap, shape: readonly number[]): HeapTensor & { size: number } {
  const size = shape.reduce((a, b) => a * b, 1);
  return { offset: heap.alloc(size * 4), shape, size };
}

/** Loom's generated WASM kernels on one heap; `fma` picks relaxed-SIMD FMA over mul + add. */
export function loomWasmEngines(fma: boolean): { matmul: MatmulEngine; conv: ConvEngine } {
  const name = fma ? 'Loom WASM FMA' : 'Loom WASM SIMD';
  const heap = new WasmHeap({ initialBytes: 64 * 2 ** 20 });
  const kernels = new WasmKernels(heap, { fma });
  const matmul: MatmulEngine = {
    name,
    async prepare(n, aData, bData) {
      const a = upload(heap, aData, [n, n]);
      const b = upload(heap, bData, [n, n]);
      const c = output(heap, [n, n]);
      return {
        run: () => kernels.matmul(a, b, c),
        read: async () => heap.f32(c.offset, c.size).slice(),
        dispose: () => [a, b, c].forEach((t) => heap.free(t.offset)),
      };
    },
  };
  const conv: ConvEngine = {
    name,
    async prepare(p: ConvProblem): Promise<PreparedConv> {
      const attrs = {
        stride: [1, 1],
        padding: [p.padding, p.padding, p.padding, p.padding],
        dilation: [1, 1],
        groups: 1,
      } as const;
      const x = upload(heap, p.xData, p.x);
      const w = upload(heap, p.wData, p.w);
      const dy = upload(heap, p.dyData, convOutputShape(p));
      const y = output(heap, convOutputShape(p));
      const dx = output(heap, p.x);
      const dw = output(heap, p.w);
      const read = async () => heap.f32(y.offset, y.size).slice();
      return {
        forward: { run: () => kernels.conv2d(x, w, y, attrs), read, dispose: () => undefined },
        inputGrad: {
          run: () => kernels.conv2dInputGrad(dy, w, dx, attrs),
          read: async () => heap.f32(dx.offset, dx.size).slice(),
          dispose: () => undefined,
        },
        filterGrad: {
          run: () => kernels.conv2dFilterGrad(x, dy, dw, attrs),
          read: async () => heap.f32(dw.offset, dw.size).slice(),
          dispose: () => undefined,
        },
        training: {
          run: () => {
            kernels.conv2d(x, w, y, attrs);
            kernels.conv2dInputGrad(dy, w, dx, attrs);
            kernels.conv2dFilterGrad(x, dy, dw, attrs);
          },
          read,
          dispose: () => undefined,
        },
        dispose: () => [x, w, dy, y, dx, dw].forEach((t) => heap.free(t.offset)),
      };
    },
  };
  return { matmul, conv };
}

/** Loom's SIMD reductions (no `max` over leading axes: that falls back to the reference). */
export function loomWasmReduce(): ReduceEngine {
  const heap = new WasmHeap({ initialBytes: 16 * 2 ** 20 });
  const kernels = new WasmKernels(heap);
  return {
    name: 'Loom WASM SIMD',
    async prepare({ op, axis, rows, cols, data }) {
      const x = upload(heap, data, [rows, cols]);
      const out = output(heap, axis === 1 ? [rows, 1] : [1, cols]);
      return {
        run: () => {
          if (!kernels[op](x, [axis], out.offset))
            throw new Error(`no WASM ${op} over axis ${axis}`);
        },
        read: async () => heap.f32(out.offset, out.size).slice(),
        dispose: () => [x, out].forEach((t) => heap.free(t.offset)),
      };
    },
  };
}

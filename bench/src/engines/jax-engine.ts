import { defaultDevice, init, lax, numpy as np, vjp } from '@jax-js/jax';
import { convOutputShape } from './engine.js';
import type { ConvEngine, MatmulEngine, ReduceEngine } from './engine.js';

let ready: Promise<unknown> | undefined;

/** jax-js on its wasm device. Its worker pool needs browser Workers, so in Node it runs one thread. */
async function useWasm(): Promise<void> {
  ready ??= init('wasm').then(() => defaultDevice('wasm'));
  await ready;
}

async function upload(data: Float32Array, shape: number[]): Promise<np.Array> {
  const array = np.array(data, { shape });
  await array.blockUntilReady();
  return array;
}

/**
 * jax-js `np.matmul`. Its arrays are reference-counted and every op consumes its arguments, hence
 * `.ref` on inputs that are used again. Inputs are real data: jax-js folds constants such as
 * `np.ones(...)` lazily, which would measure nothing.
 */
export const jaxMatmul: MatmulEngine = {
  name: 'jax-js wasm',
  async prepare(n, aData, bData) {
    await useWasm();
    const a = await upload(aData, [n, n]);
    const b = await upload(bData, [n, n]);
    let c: np.Array | undefined;
    return {
      run: async () => {
        c?.dispose();
        c = np.matmul(a.ref, b.ref);
        await c.blockUntilReady();
      },
      read: async () => Float32Array.from(c ? await c.ref.data() : []),
      dispose: () => [a, b, ...(c ? [c] : [])].forEach((t) => t.dispose()),
    };
  },
};

/** jax-js `lax.conv` (NCHW, OIHW, like Loom); the training step is `vjp` with dy as cotangent. */
export const jaxConv: ConvEngine = {
  name: 'jax-js wasm',
  async prepare(p) {
    await useWasm();
    const x = await upload(p.xData, [...p.x]);
    const w = await upload(p.wData, [...p.w]);
    const dy = await upload(p.dyData, convOutputShape(p));
    const pad: [number, number][] = [
      [p.padding, p.padding],
      [p.padding, p.padding],
    ];
    const conv = (xs: np.Array, ws: np.Array) => lax.conv(xs, ws, [1, 1], pad);
    let y: np.Array | undefined;
    return {
      forward: {
        run: async () => {
          y?.dispose();
          y = conv(x.ref, w.ref);
          await y.blockUntilReady();
        },
        read: async () => Float32Array.from(y ? await y.ref.data() : []),
        dispose: () => {
          y?.dispose();
          y = undefined;
        },
      },
      training: {
        run: async () => {
          const [out, backward] = vjp(conv, [x.ref, w.ref]);
          const [dx, dw] = backward(dy.ref);
          await Promise.all([out.blockUntilReady(), dx.blockUntilReady(), dw.blockUntilReady()]);
          [out, dx, dw].forEach((t) => t.dispose());
          backward.dispose();
        },
        read: async () => new Float32Array(),
        dispose: () => undefined,
      },
      dispose: () => [x, w, dy].forEach((t) => t.dispose()),
    };
  },
};

/** np.sum / np.max along one axis. */
export const jaxReduce: ReduceEngine = {
  name: 'jax-js wasm',
  async prepare({ op, axis, rows, cols, data }) {
    await useWasm();
    const x = await upload(data, [rows, cols]);
    let y: np.Array | undefined;
    return {
      run: async () => {
        y?.dispose();
        y = op === 'sum' ? np.sum(x.ref, axis) : np.max(x.ref, axis);
        await y.blockUntilReady();
      },
      read: async () => Float32Array.from(y ? await y.ref.data() : []),
      dispose: () => [x, ...(y ? [y] : [])].forEach((t) => t.dispose()),
    };
  },
};

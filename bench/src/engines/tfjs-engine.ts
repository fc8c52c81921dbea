import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ConvEngine, MatmulEngine, PreparedCase, ReduceEngine } from './engine.js';

// Production mode: no debug checks, and no "install tfjs-node" banner in the middle of the tables.
tf.enableProdMode();

export type TfjsBackend = 'cpu' | 'wasm';

/** Makes `backend` current; tfjs keeps one global backend, so every run selects its own first. */
async function use(backend: TfjsBackend): Promise<void> {
  if (tf.getBackend() !== backend) {
    await tf.setBackend(backend);
    await tf.ready();
  }
}

/** TensorFlow.js on its plain-JS cpu backend or its XNNPACK wasm backend (no threads in Node). */
export function tfjsMatmul(backend: TfjsBackend): MatmulEngine {
  return {
    name: `tfjs ${backend}`,
    async prepare(n, aData, bData) {
      await use(backend);
      const a = tf.tensor2d(aData, [n, n]);
      const b = tf.tensor2d(bData, [n, n]);
      let c: tf.Tensor | undefined;
      return {
        run: () => {
          c?.dispose();
          c = tf.matMul(a, b); // both backends compute eagerly, inside this call
        },
        read: async () => Float32Array.from(c ? await c.data() : []),
        dispose: () => tf.dispose([a, b, ...(c ? [c] : [])]),
      };
    },
  };
}

/**
 * tfjs-wasm conv2d in its native NHWC layout (filters [kH, kW, C, O]); the data is transposed once
 * when preparing, and the output back to NCHW only for the correctness check.
 */
export const tfjsWasmConv: ConvEngine = {
  name: 'tfjs wasm',
  async prepare(p) {
    await use('wasm');
    const x = tf.tidy(() => tf.transpose(tf.tensor4d(p.xData, [...p.x]), [0, 2, 3, 1]));
    const w = tf.tidy(() => tf.transpose(tf.tensor4d(p.wData, [...p.w]), [2, 3, 1, 0]));
    const pad = p.padding;
    const explicit: [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [pad, pad],
      [pad, pad],
      [0, 0],
    ];
    const conv = (xs: tf.Tensor4D, ws: tf.Tensor4D) =>
      tf.conv2d(xs, ws, 1, pad === 0 ? 'valid' : explicit);
    let y: tf.Tensor4D | undefined;
    const forward: PreparedCase = {
      run: () => {
        y?.dispose();
        y = conv(x, w);
      },
      read: async () => {
        if (!y) return new Float32Array();
        const nchw = y.transpose([0, 3, 1, 2]);
        const data = Float32Array.from(await nchw.data());
        nchw.dispose();
        return data;
      },
      dispose: () => {
        y?.dispose();
        y = undefined;
      },
    };
    // tfjs-backend-wasm 4.22 registers no Conv2DBackpropFilter kernel: tf.grads of a conv2d
    // throws there, so a CNN cannot train on tfjs wasm at all.
    const training = 'no Conv2DBackpropFilter kernel in tfjs-backend-wasm';
    return { forward, training, dispose: () => tf.dispose([x, w]) };
  },
};

/** tf.sum / tf.max along one axis. */
export function tfjsReduce(backend: TfjsBackend): ReduceEngine {
  return {
    name: `tfjs ${backend}`,
    async prepare({ op, axis, rows, cols, data }) {
      await use(backend);
      const x = tf.tensor2d(data, [rows, cols]);
      let y: tf.Tensor | undefined;
      return {
        run: () => {
          y?.dispose();
          y = op === 'sum' ? tf.sum(x, axis) : tf.max(x, axis);
        },
        read: async () => Float32Array.from(y ? await y.data() : []),
        dispose: () => tf.dispose([x, ...(y ? [y] : [])]),
      };
    },
  };
}

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { init, defaultDevice, jit, numpy as np } from '@jax-js/jax';
import { CpuBackend } from '@loom/backend-cpu';
import { registerBackend, setBackend, tensor, type Tensor } from '@loom/graph';
import type { PreparedCase } from './engines/engine.js';
import { seededFloats } from './seeded.js';
import { timeWithin } from './time-within.js';

/** The 8-op elementwise chain of the "Fast CPU" issue, on 1M floats: sqrt(|exp(tanh(1.5x + 0.5)·x) − 1|)·3. */
export const chainLength = 2 ** 20;

function reference(x: number): number {
  return Math.sqrt(Math.abs(Math.exp(Math.tanh(x * 1.5 + 0.5) * x) - 1)) * 3;
}

interface ChainEngine {
  name: string;
  prepare(data: Float32Array): Promise<PreparedCase>;
}

const loomChain: ChainEngine = {
  name: 'Loom CPU (fused)',
  async prepare(data) {
    registerBackend('bench-chain-cpu', () => new CpuBackend());
    await setBackend('bench-chain-cpu');
    const x = tensor(data);
    await x.data();
    let y: Tensor | undefined;
    return {
      run: async () => {
        y?.dispose();
        y = x.mul(1.5).add(0.5).tanh().mul(x).exp().sub(1).abs().sqrt().mul(3);
        await y.data();
      },
      read: async () => Float32Array.from(y ? await y.data() : []),
      dispose: () => [x, y].forEach((t) => t?.dispose()),
    };
  },
};

tf.enableProdMode();

function tfjsChain(backend: 'cpu' | 'wasm'): ChainEngine {
  return {
    name: `tfjs ${backend}`,
    async prepare(data) {
      await tf.setBackend(backend);
      await tf.ready();
      const x = tf.tensor1d(data);
      let y: tf.Tensor | undefined;
      const chain = () =>
        tf.tidy(() => tf.mul(tf.sqrt(tf.abs(tf.sub(tf.exp(tf.mul(tf.tanh(tf.add(tf.mul(x, 1.5), 0.5)), x)), 1))), 3));
      return {
        run: async () => {
          y?.dispose();
          y = chain();
          await y.data();
        },
        read: async () => Float32Array.from(y ? await y.data() : []),
        dispose: () => tf.dispose([x, ...(y ? [y] : [])]),
      };
    },
  };
}

const jaxChain: ChainEngine = {
  name: 'jax-js wasm (jit)',
  async prepare(data) {
    await init('wasm');
    defaultDevice('wasm');
    const x = np.array(data);
    const chain = jit((v: np.Array) =>
      np.sqrt(np.absolute(np.exp(np.tanh(v.ref.mul(1.5).add(0.5)).mul(v)).sub(1))).mul(3),
    );
    let y: np.Array | undefined;
    return {
      run: async () => {
        y?.dispose();
        y = chain(x.ref);
        await y.blockUntilReady();
      },
      read: async () => Float32Array.from(y ? await y.ref.data() : []),
      dispose: () => [x, ...(y ? [y] : [])].forEach((t) => t.dispose()),
    };
  },
};

export interface ChainResult {
  engine: string;
  medianMs: number;
  bestCpuMs: number;
  /** Million elements per CPU-second in the fastest run. */
  melems: number;
  maxError: number;
}

/** The chain on every engine, end to end through each library's public API (reading the result back). */
export async function runChainSuite(budgetMs = 1000): Promise<ChainResult[]> {
  const data = seededFloats(chainLength, 11);
  const results: ChainResult[] = [];
  for (const engine of [loomChain, tfjsChain('cpu'), tfjsChain('wasm'), jaxChain]) {
    const prepared = await engine.prepare(data);
    const timing = await timeWithin(() => prepared.run(), budgetMs);
    const out = await prepared.read();
    let maxError = 0;
    for (let i = 0; i < chainLength; i += 997) maxError = Math.max(maxError, Math.abs(out[i] - reference(data[i])));
    prepared.dispose();
    results.push({ engine: engine.name, medianMs: timing.medianMs, bestCpuMs: timing.bestCpuMs, melems: chainLength / timing.bestCpuMs / 1e3, maxError });
  }
  return results;
}

export function chainTable(results: readonly ChainResult[]): string {
  const of = (name: string) => results.find((r) => r.engine.startsWith(name));
  const loom = of('Loom');
  const lines = [
    `### 8-op elementwise chain on ${chainLength.toLocaleString('en')} floats (M elements per CPU-second, best run)`,
    '',
    '| engine | CPU ms | M elem/s | Loom ÷ engine | max error |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.bestCpuMs.toFixed(2)} | ${r.melems.toFixed(0)} | ${loom ? (loom.melems / r.melems).toFixed(2) + '×' : ''} | ${r.maxError.toExponential(1)} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

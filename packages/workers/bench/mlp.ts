import { CpuBackend } from '@loom/backend-cpu';
import { assign, compile, realize, registerBackend, setBackend, tensor, valueAndGrad, type Tensor } from '@loom/graph';
import { PoolBackend, WorkerPool } from '@loom/workers';
import type { Tensor as TfTensor } from '@tensorflow/tfjs';
import { useTfjs } from './peers.js';
import { randomArray } from './loom-matmul.js';

// MLP 784-128-64-10 with SGD on a fixed synthetic batch, one loss read per step (as a training
// loop showing progress does). Reported as training samples per second.

const SIZES = [784, 128, 64, 10] as const;
const LEARNING_RATE = 0.05;
const STEPS = 60;

function oneHotLabels(batch: number): Float32Array {
  const labels = new Float32Array(batch * 10);
  for (let i = 0; i < batch; i++) labels[i * 10 + (i % 10)] = 1;
  return labels;
}

/** Samples/s of `step` (which must wait for its loss) after warm-up. */
async function samplesPerSecond(batch: number, step: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await step();
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) await step();
  return (STEPS * batch) / ((performance.now() - t0) / 1000);
}

/** Loom with a compiled step (one program per step) on the named, already registered backend. */
async function loomMlp(backendName: string, batch: number): Promise<number> {
  await setBackend(backendName);
  const params = await realize(
    ...SIZES.slice(1).flatMap((out, i) => [
      tensor(randomArray(SIZES[i] * out, i + 1).map((v) => v * 0.1), { shape: [SIZES[i], out] }),
      tensor(new Float32Array(out)),
    ]),
  );
  const forward = (p: readonly Tensor[], x: Tensor): Tensor =>
    x.matmul(p[0]).add(p[1]).relu().matmul(p[2]).add(p[3]).relu().matmul(p[4]).add(p[5]);
  const step = compile(async (x: Tensor, y: Tensor) => {
    const loss = (...p: Tensor[]) => forward(p, x).logSoftmax(-1).mul(y).sum().neg().div(batch);
    const { value, grads } = await valueAndGrad(loss)(...params);
    await assign(params.map((p, i) => [p, p.sub(grads[i].mul(LEARNING_RATE))] as const));
    return value;
  });
  const x = tensor(randomArray(batch * 784, 7), { shape: [batch, 784] });
  const y = tensor(oneHotLabels(batch), { shape: [batch, 10] });
  return samplesPerSecond(batch, async () => (await step(x, y)).item());
}

async function tfjsMlp(backend: 'cpu' | 'wasm', batch: number): Promise<number> {
  const tf = await useTfjs(backend);
  const weights = SIZES.slice(1).flatMap((out, i) => [
    tf.variable(tf.tensor2d(randomArray(SIZES[i] * out, i + 1).map((v) => v * 0.1), [SIZES[i], out])),
    tf.variable(tf.zeros([out])),
  ]);
  const x = tf.tensor2d(randomArray(batch * 784, 7), [batch, 784]);
  const y = tf.tensor2d(oneHotLabels(batch), [batch, 10]);
  const optimizer = tf.train.sgd(LEARNING_RATE);
  const loss = () =>
    tf.tidy(() => {
      let h: TfTensor = x;
      for (let i = 0; i < 3; i++) {
        h = tf.add(tf.matMul(h, weights[2 * i]), weights[2 * i + 1]);
        if (i < 2) h = tf.relu(h);
      }
      return tf.neg(tf.div(tf.sum(tf.mul(tf.logSoftmax(h), y)), batch)).asScalar();
    });
  const result = await samplesPerSecond(batch, async () => {
    const value = optimizer.minimize(loss, true);
    await value?.data();
    value?.dispose();
  });
  weights.forEach((w) => w.dispose());
  x.dispose();
  y.dispose();
  return result;
}

async function jaxMlp(batch: number): Promise<number> {
  const jax = await import('@jax-js/jax');
  await jax.init('wasm');
  const { numpy: np, nn, tree, jit, valueAndGrad: jaxValueAndGrad } = jax;
  type JaxArray = InstanceType<typeof jax.Array>;
  type Params = { w: JaxArray[] };
  const arr = (shape: number[], seed: number) =>
    np.array(randomArray(shape[0] * shape[1], seed).map((v) => v * 0.1)).reshape(shape);
  let params: Params = {
    w: SIZES.slice(1).flatMap((out, i) => [arr([SIZES[i], out], i + 1), np.zeros([out])]),
  };
  const lossFn = (p: Params, x: JaxArray, y: JaxArray) => {
    let h = x;
    for (let i = 0; i < 3; i++) {
      h = np.matmul(h, p.w[2 * i]).add(p.w[2 * i + 1]);
      if (i < 2) h = nn.relu(h);
    }
    return nn.logSoftmax(h, -1).mul(y).sum().mul(-1 / batch);
  };
  const step = jit((p: Params, x: JaxArray, y: JaxArray): [JaxArray, Params] => {
    const [loss, grads] = jaxValueAndGrad(lossFn)(tree.ref(p), x, y);
    const next: Params = tree.map((w: JaxArray, g: JaxArray) => w.sub(g.mul(LEARNING_RATE)), p, grads);
    return [loss, next];
  });
  const x = np.array(randomArray(batch * 784, 7)).reshape([batch, 784]);
  const y = np.array(oneHotLabels(batch)).reshape([batch, 10]);
  return samplesPerSecond(batch, async () => {
    const [loss, next] = step(params, x.ref, y.ref);
    params = next;
    await loss.data();
  });
}

export interface MlpRow {
  name: string;
  samplesPerSecond: Record<number, number>;
}

/**
 * Samples/s of every contender at each batch size: the contenders take turns for `rounds` rounds
 * and each figure is the median of its rounds, so load that changes during the run (other
 * processes on the machine) hits every contender alike.
 */
export async function mlpTraining(batches: readonly number[], rounds = 3): Promise<MlpRow[]> {
  registerBackend('bench-cpu', () => new CpuBackend());
  const pools = await Promise.all([1, 2].map((threads) => WorkerPool.start({ threads })));
  pools.forEach((pool, i) => {
    const backend = new PoolBackend(pool, `bench-pool-${i + 1}`);
    registerBackend(backend.name, () => backend);
  });
  const contenders: [string, (batch: number) => Promise<number>][] = [
    ['Loom in-process (CpuBackend, compiled step)', (b) => loomMlp('bench-cpu', b)],
    ['Loom pool, 1 worker (compiled step)', (b) => loomMlp('bench-pool-1', b)],
    ['Loom pool, 2 workers (compiled step)', (b) => loomMlp('bench-pool-2', b)],
    ['tfjs cpu', (b) => tfjsMlp('cpu', b)],
    ['tfjs wasm (1 thread in Node)', (b) => tfjsMlp('wasm', b)],
    ['jax-js wasm (jit, 1 thread in Node)', (b) => jaxMlp(b)],
  ];
  const samples = contenders.map(() => batches.map((): number[] => []));
  for (let round = 0; round < rounds; round++) {
    for (const [c, [, run]] of contenders.entries()) {
      for (const [b, batch] of batches.entries()) samples[c][b].push(await run(batch));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const rows: MlpRow[] = contenders.map(([name], c) => ({
    name,
    samplesPerSecond: Object.fromEntries(batches.map((batch, b) => [batch, median(samples[c][b])])),
  }));
  await Promise.all(pools.map((pool) => pool.terminate()));
  return rows;
}

import { CpuBackend } from '@loom/backend-cpu';
import { nodeHeapHelpers } from '@loom/backend-cpu/node';
import { assign, compile, realize, registerBackend, setBackend, tensor, valueAndGrad, type Tensor } from '@loom/graph';
import { PoolBackend, WorkerPool } from '@loom/workers';
import { jaxTraining } from './engines/jax-training.js';
import { tfjsTraining } from './engines/tfjs-training.js';
import { layerShapes, oneHotLabels, seededBatch, type TrainingModel } from './engines/training-models.js';
import { seededFloats } from './seeded.js';

export const trainingBatch = 64;
const LEARNING_RATE = 0.05;

/** A training step on one engine, waiting for its loss; undefined when the engine cannot train the model. */
export type TrainStep = () => Promise<void>;

export interface TrainingEngine {
  name: string;
  /** Why there is no step for a model (e.g. a missing gradient kernel), or the step. */
  prepare(model: TrainingModel, batch: number): Promise<TrainStep | string>;
  close?(): Promise<void>;
}

export interface TrainingResult {
  engine: string;
  model: TrainingModel;
  /** Training samples per wall-clock second, best of three timed rounds; undefined with a reason. */
  samplesPerSecond?: number;
  reason?: string;
}

/** The parameters of `model`, seeded (the same numbers every engine starts from), flat. */
export function seededParams(model: TrainingModel): Float32Array[] {
  return layerShapes(model).flatMap(({ weight, bias }, i) => {
    const fanIn = weight.length === 4 ? weight.slice(1).reduce((a, b) => a * b, 1) : weight[0];
    const scale = Math.sqrt(2 / fanIn);
    return [seededFloats(weight.reduce((a, b) => a * b, 1), 100 + i).map((v) => v * scale), new Float32Array(bias)];
  });
}

/** Loom forward pass: the MLP (784-128-64-10) or the textbook CNN, NCHW. */
function loomForward(model: TrainingModel, p: readonly Tensor[], x: Tensor): Tensor {
  if (model === 'mlp') return x.matmul(p[0]).add(p[1]).relu().matmul(p[2]).add(p[3]).relu().matmul(p[4]).add(p[5]);
  const pool = { kernelSize: 2, stride: 2 };
  let h = x.conv2d(p[0]).add(p[1].reshape([1, -1, 1, 1])).relu().maxPool2d(pool);
  h = h.conv2d(p[2]).add(p[3].reshape([1, -1, 1, 1])).relu().maxPool2d(pool);
  return h.reshape([x.shape[0], -1]).matmul(p[4]).add(p[5]);
}

/** Loom on a CpuBackend made by `make`, or on a worker pool started by `start`. */
function loomEngine(name: string, backend: string, host: { make: () => CpuBackend } | { start: () => Promise<WorkerPool> }): TrainingEngine {
  let pool: WorkerPool | undefined;
  return {
    name,
    async prepare(model, batch) {
      if ('start' in host) {
        pool ??= await host.start();
        const pooled = new PoolBackend(pool, backend);
        registerBackend(backend, () => pooled);
      } else registerBackend(backend, host.make);
      await setBackend(backend);
      const shapes = layerShapes(model);
      const values = seededParams(model);
      const params = await realize(
        ...values.map((v, i) => tensor(v, { shape: i % 2 === 0 ? shapes[i >> 1].weight : [shapes[i >> 1].bias] })),
      );
      const step = compile(async (x: Tensor, y: Tensor) => {
        const loss = (...p: Tensor[]) => loomForward(model, p, x).logSoftmax(-1).mul(y).sum().neg().div(batch);
        const { value, grads } = await valueAndGrad(loss)(...params);
        await assign(params.map((p, i) => [p, p.sub(grads[i].mul(LEARNING_RATE))] as const));
        return value;
      });
      const x = tensor(seededBatch(model, batch), { shape: model === 'mlp' ? [batch, 784] : [batch, 1, 28, 28] });
      const y = tensor(oneHotLabels(batch), { shape: [batch, 10] });
      return async () => {
        await (await step(x, y)).item();
      };
    },
    async close() {
      await pool?.terminate();
    },
  };
}

async function samplesPerSecond(step: TrainStep, batch: number, budgetMs: number): Promise<number> {
  await step(); // compiles (tracing, jit, kernel generation)
  const t0 = performance.now();
  await step();
  const stepMs = performance.now() - t0;
  // Fast engines: three rounds sharing the budget, best kept; slow ones (seconds a step): one short round.
  const rounds = stepMs * 9 > budgetMs ? 1 : 3;
  const steps = Math.max(stepMs > budgetMs ? 1 : 2, Math.min(60, Math.round(budgetMs / rounds / stepMs)));
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < steps; i++) await step();
    best = Math.max(best, (steps * batch * 1000) / (performance.now() - start));
  }
  return best;
}

/** MLP and CNN training throughput at batch 64 on every engine, one engine at a time. */
export async function runTrainingSuite(budgetMs = 3000, batch = trainingBatch): Promise<TrainingResult[]> {
  const engines: TrainingEngine[] = [
    loomEngine('Loom in-process, 1 thread (CpuBackend, compiled step)', 'bench-train-cpu', { make: () => new CpuBackend() }),
    loomEngine('Loom in-process + 1 helper thread (2 cores)', 'bench-train-cpu-2', {
      make: () => new CpuBackend({ helpers: nodeHeapHelpers(1) }),
    }),
    loomEngine('Loom pool, 2 workers (compiled step)', 'bench-train-pool-2', { start: () => WorkerPool.start({ threads: 2 }) }),
    tfjsTraining('cpu'),
    tfjsTraining('wasm'),
    jaxTraining,
  ];
  const results: TrainingResult[] = [];
  for (const engine of engines) {
    for (const model of ['mlp', 'cnn'] as const) {
      const step = await engine.prepare(model, batch);
      if (typeof step === 'string') results.push({ engine: engine.name, model, reason: step });
      else results.push({ engine: engine.name, model, samplesPerSecond: await samplesPerSecond(step, batch, budgetMs) });
    }
    await engine.close?.();
  }
  return results;
}

export function trainingTable(results: readonly TrainingResult[], batch = trainingBatch): string {
  const engines = [...new Set(results.map((r) => r.engine))];
  const of = (engine: string, model: TrainingModel) => results.find((r) => r.engine === engine && r.model === model);
  const jax = engines.find((e) => e.startsWith('jax-js'));
  const cell = (r: TrainingResult | undefined) => (r?.samplesPerSecond !== undefined ? r.samplesPerSecond.toFixed(r.samplesPerSecond < 10 ? 1 : 0) : `— (${r?.reason ?? 'not run'})`);
  const ratio = (r: TrainingResult | undefined, model: TrainingModel) => {
    const peer = jax ? of(jax, model)?.samplesPerSecond : undefined;
    return r?.samplesPerSecond !== undefined && peer ? `${(r.samplesPerSecond / peer).toFixed(2)}×` : '';
  };
  const lines = [
    `### Training throughput, batch ${batch} (samples per wall-clock second, best of 3 rounds; engines taking seconds a step: one short round)`,
    '',
    'MLP 784-128-64-10 (ReLU) and the textbook CNN conv(1→32, 3×3) → ReLU → max-pool 2 → conv(32→64, 3×3) → ReLU → ' +
      'max-pool 2 → dense(1600→10), softmax cross-entropy, SGD, the same seeded batch and initial weights on every engine. ' +
      'Wall-clock on a shared machine: compare rows of one run.',
    '',
    '| engine | MLP samples/s | MLP vs jax-js | CNN samples/s | CNN vs jax-js |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...engines.map((e) => `| ${e} | ${cell(of(e, 'mlp'))} | ${ratio(of(e, 'mlp'), 'mlp')} | ${cell(of(e, 'cnn'))} | ${ratio(of(e, 'cnn'), 'cnn')} |`),
  ];
  return lines.join('\n') + '\n';
}

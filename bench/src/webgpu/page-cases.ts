import { assign, compile, realize, tensor, valueAndGrad, type Tensor } from '@loom/graph';
import { layerShapes, oneHotLabels, seededBatch, type TrainingModel } from '../engines/training-models.js';
import { seededFloats } from '../seeded.js';
import { wallMedianMs } from './wall-median.js';

// The cases the WebGPU page times on the current backend: the same shapes, seeds and model code as
// the Node suites, so the rows line up with theirs in the report. Every run reads its result back.

/** GFLOP/s of an n×n matmul. */
export async function matmulGflops(n: number, budgetMs: number): Promise<number> {
  const [a, b] = await realize(tensor(seededFloats(n * n, 1), { shape: [n, n] }), tensor(seededFloats(n * n, 2), { shape: [n, n] }));
  const ms = await wallMedianMs(async () => {
    const c = a.matmul(b);
    await c.data();
    c.dispose();
  }, budgetMs);
  a.dispose();
  b.dispose();
  return (2 * n ** 3) / (ms * 1e6);
}

/** M elements/s of the 8-op chain sqrt(|exp(tanh(1.5x + 0.5)·x) − 1|)·3 (one fused kernel). */
export async function chainMelems(length: number, budgetMs: number): Promise<number> {
  const [x] = await realize(tensor(seededFloats(length, 11)));
  const ms = await wallMedianMs(async () => {
    const y = x.mul(1.5).add(0.5).tanh().mul(x).exp().sub(1).abs().sqrt().mul(3);
    await y.data();
    y.dispose();
  }, budgetMs);
  x.dispose();
  return length / ms / 1e3;
}

/** GFLOP/s of a conv2d forward pass, x NCHW and w OIHW, no padding, stride 1. */
export async function convGflops(x: number[], w: number[], budgetMs: number): Promise<number> {
  const size = (s: number[]) => s.reduce((p, v) => p * v, 1);
  const [input, filter] = await realize(tensor(seededFloats(size(x), 3), { shape: x }), tensor(seededFloats(size(w), 4), { shape: w }));
  const ms = await wallMedianMs(async () => {
    const y = input.conv2d(filter);
    await y.data();
    y.dispose();
  }, budgetMs);
  input.dispose();
  filter.dispose();
  const outPlane = (x[2] - w[2] + 1) * (x[3] - w[3] + 1);
  return (2 * x[0] * w[0] * outPlane * w[1] * w[2] * w[3]) / (ms * 1e6);
}

function forward(model: TrainingModel, p: readonly Tensor[], x: Tensor): Tensor {
  if (model === 'mlp') return x.matmul(p[0]).add(p[1]).relu().matmul(p[2]).add(p[3]).relu().matmul(p[4]).add(p[5]);
  const pool = { kernelSize: 2, stride: 2 };
  let h = x.conv2d(p[0]).add(p[1].reshape([1, -1, 1, 1])).relu().maxPool2d(pool);
  h = h.conv2d(p[2]).add(p[3].reshape([1, -1, 1, 1])).relu().maxPool2d(pool);
  return h.reshape([x.shape[0], -1]).matmul(p[4]).add(p[5]);
}

/** Training samples/s of a compiled SGD step (forward, backward, update, loss read back). */
export async function trainingSamples(model: TrainingModel, batch: number, budgetMs: number): Promise<number> {
  const params = await realize(
    ...layerShapes(model).flatMap(({ weight, bias }, i) => {
      const fanIn = weight.length === 4 ? weight[1] * weight[2] * weight[3] : weight[0];
      const values = seededFloats(weight.reduce((a, b) => a * b, 1), 100 + i).map((v) => v * Math.sqrt(2 / fanIn));
      return [tensor(values, { shape: weight }), tensor(new Float32Array(bias))];
    }),
  );
  const step = compile(async (x: Tensor, y: Tensor) => {
    const loss = (...p: Tensor[]) => forward(model, p, x).logSoftmax(-1).mul(y).sum().neg().div(batch);
    const { value, grads } = await valueAndGrad(loss)(...params);
    await assign(params.map((p, i) => [p, p.sub(grads[i].mul(0.05))] as const));
    return value;
  });
  const x = tensor(seededBatch(model, batch), { shape: model === 'mlp' ? [batch, 784] : [batch, 1, 28, 28] });
  const y = tensor(oneHotLabels(batch), { shape: [batch, 10] });
  const ms = await wallMedianMs(async () => {
    await (await step(x, y)).item();
  }, budgetMs);
  [...params, x, y].forEach((t) => t.dispose());
  return (batch * 1000) / ms;
}

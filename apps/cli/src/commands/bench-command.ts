import { createDataset } from '@loom/data';
import { fromArray, realize } from '@loom/graph';
import { crossEntropy, fit, Linear, ReLU, SGD, Sequential } from '@loom/nn';
import { choiceOption, parseCommandArgs, positiveIntOption } from '../cli-args.js';
import type { CliIo } from '../cli-io.js';
import { backendChoices, backendLine, selectBackend } from '../select-backend.js';
import { seededValues } from '../seeded-values.js';

const options = {
  backend: { type: 'string' },
  size: { type: 'string' },
  repeats: { type: 'string' },
} as const;

/** GFLOP/s of an n×n float32 matmul: the best of `repeats` timed runs after one warm-up. */
async function matmulGflops(n: number, repeats: number): Promise<number> {
  const a = fromArray(seededValues(n * n, 1), [n, n]);
  const b = fromArray(seededValues(n * n, 2), [n, n]);
  await realize(a, b);
  let best = Infinity;
  for (let i = 0; i <= repeats; i++) {
    const start = performance.now();
    const [c] = await realize(a.matmul(b));
    const seconds = (performance.now() - start) / 1000;
    c.dispose();
    if (i > 0) best = Math.min(best, seconds);
  }
  return (2 * n ** 3) / best / 1e9;
}

/** Training samples/s of the MLP 784-128-64-10 at batch 64 (SGD), timed over the second of two epochs. */
async function mlpSamplesPerSecond(batches: number): Promise<number> {
  const batchSize = 64;
  const size = batchSize * batches;
  const labels = Int32Array.from({ length: size }, (_, i) => i % 10);
  const data = createDataset({ name: 'random', inputShape: [784], targetShape: [], classes: [...'0123456789'] }, seededValues(size * 784, 3), labels);
  const model = new Sequential(new Linear(784, 128, { seed: 1 }), new ReLU(), new Linear(128, 64, { seed: 2 }), new ReLU(), new Linear(64, 10, { seed: 3 }));
  let seconds = 0;
  await new Promise<void>((resolve, reject) =>
    fit(model, data, { loss: crossEntropy, optimizer: new SGD(model, { lr: 0.01 }), epochs: 2, batchSize, shuffle: false }).subscribe({
      next: (event) => {
        if (event.type === 'epoch' && event.epoch === 1) seconds = event.seconds;
      },
      error: reject,
      complete: resolve,
    }),
  );
  return size / seconds;
}

/**
 * `loom bench`: a quick built-in measurement on the chosen backend — matmul GFLOP/s and MLP
 * training samples/s. The full peer comparison (tfjs, jax-js) is the repo's `npm run bench`.
 */
export async function benchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('bench', args, options);
  const n = positiveIntOption(parsed, 'size') ?? 512;
  const repeats = positiveIntOption(parsed, 'repeats') ?? 5;
  const backend = await selectBackend(choiceOption(parsed, 'backend', backendChoices));
  try {
    io.out(backendLine(backend.info));
    io.out(`matmul ${n}×${n} float32: ${(await matmulGflops(n, repeats)).toFixed(1)} GFLOP/s (best of ${repeats})\n`);
    io.out(`MLP 784-128-64-10 training, batch 64, SGD: ${Math.round(await mlpSamplesPerSecond(4 * repeats)).toLocaleString('en-US')} samples/s\n`);
    io.out('For the peer comparison (tfjs-wasm, jax-js) run `npm run bench` in the repository.\n');
    return 0;
  } finally {
    await backend.close();
  }
}

import { Worker } from 'node:worker_threads';
import type { EchoMessage } from './echo-protocol.js';

/**
 * How many cores this run really had: the same pure-JS work on two workers at once, against one
 * worker alone (2.0 = two free cores; about 1 when other processes hold the machine). Parallel
 * speed-ups below should be read against it.
 */
export async function parallelCapacity(): Promise<number> {
  const workers = [0, 1].map(() => new Worker(new URL('./echo-worker.js', import.meta.url)));
  const burn = (worker: Worker, iterations: number): Promise<void> =>
    new Promise((resolve) => {
      worker.once('message', () => resolve());
      const message: EchoMessage = { kind: 'burn', iterations };
      worker.postMessage(message);
    });
  const iterations = 30_000_000;
  await Promise.all(workers.map((w) => burn(w, iterations / 10)));
  let t0 = performance.now();
  await burn(workers[0], iterations);
  const one = performance.now() - t0;
  t0 = performance.now();
  await Promise.all(workers.map((w) => burn(w, iterations)));
  const two = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  return (2 * one) / two;
}

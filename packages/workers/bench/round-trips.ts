import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import { PoolBackend, WorkerPool } from '@loom/workers';
import type { EchoApi, EchoMessage } from './echo-protocol.js';
import { perCallUs, table } from './timing.js';

/** Round-trip costs between threads: the numbers the pool's design rests on. */
export async function roundTrips(): Promise<{ markdown: string; rows: { what: string; us: number }[] }> {
  const worker = new Worker(new URL('./echo-worker.js', import.meta.url));
  const comlink = wrap<EchoApi>(nodeEndpoint(worker));
  await comlink.ping();
  const rows: string[][] = [];
  rows.push(['Comlink call (empty method)', fmt(await perCallUs(() => comlink.ping(), 2000))]);

  let seq = 0;
  const echo = (): Promise<void> =>
    new Promise((resolve) => {
      const message: EchoMessage = { kind: 'echo', seq: ++seq };
      const onMessage = (data: EchoMessage) => {
        if (data.kind === 'echo' && data.seq === message.seq) {
          worker.off('message', onMessage);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.postMessage(message);
    });
  rows.push(['raw postMessage echo', fmt(await perCallUs(echo, 2000))]);

  for (const mode of ['wait', 'spin'] as const) {
    const rounds = 20_000;
    const shared = new SharedArrayBuffer(4);
    const flag = new Int32Array(shared);
    const start: EchoMessage = { kind: 'spin', flag: shared, rounds, mode };
    worker.postMessage(start);
    const t0 = performance.now();
    for (let round = 0; round < rounds; round++) {
      Atomics.store(flag, 0, 2 * round + 1);
      if (mode === 'wait') Atomics.notify(flag, 0);
      // The main thread spins (it may not Atomics.wait in browsers; here it measures the worker's side).
      while (Atomics.load(flag, 0) !== 2 * round + 2);
    }
    const us = ((performance.now() - t0) * 1000) / rounds;
    rows.push([mode === 'wait' ? 'SharedArrayBuffer + Atomics.wait/notify' : 'spin-wait on shared memory', fmt(us)]);
  }
  await worker.terminate();

  const pool = await WorkerPool.start({ threads: 1 });
  const backend = new PoolBackend(pool);
  rows.push(['empty program through PoolBackend.run', fmt(await perCallUs(() => backend.run({ steps: [] }), 2000))]);
  await pool.terminate();
  const markdown = table('Round trips (main thread ↔ worker)', ['what', 'µs per round trip'], rows);
  return { markdown, rows: rows.map(([what, us]) => ({ what, us: Number(us) })) };
}

const fmt = (us: number): string => us.toFixed(1);

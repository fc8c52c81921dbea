import { expect, it } from 'vitest';

interface WorkerReply {
  ok: boolean;
  backend?: string;
  description?: string;
  hasDocument?: boolean;
  values?: number[];
  error?: string;
}

it('runs inside a dedicated worker, where only navigator.gpu is available', async () => {
  const worker = new Worker(new URL('./testing/gpu-worker.ts', import.meta.url), { type: 'module' });
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage('start');
  });
  worker.terminate();
  expect(reply.error).toBeUndefined();
  expect(reply).toMatchObject({ ok: true, backend: 'webgpu', hasDocument: false });
  // [[1, 2], [3, 4]]² = [[7, 10], [15, 22]]; softmax of each row.
  const row = (a: number, b: number) => [1 / (1 + Math.exp(b - a)), 1 / (1 + Math.exp(a - b))];
  const want = [...row(7, 10), ...row(15, 22)];
  reply.values!.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
});

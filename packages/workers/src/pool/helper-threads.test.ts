import { CpuBackend } from '@loom/backend-cpu';
import { registerBackend, relu, setBackend, softmax, tensor, type Tensor } from '@loom/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineFault } from '../protocol.js';
import { PoolBackend } from './pool-backend.js';
import { WorkerPool } from './worker-pool.js';

let pool: WorkerPool;
let backend: PoolBackend;

beforeAll(async () => {
  // Every launch big enough to cut is shared with the helper thread.
  pool = await WorkerPool.start({ threads: 2, splitMinFlops: 0, splitMinElements: 0, splitMinReduceElements: 0, helperStallMs: 300, helperBackOff: false });
  backend = new PoolBackend(pool, 'pool-helpers');
  registerBackend('pool-helpers', () => backend);
  registerBackend('cpu-helpers-reference', () => new CpuBackend());
});

afterAll(async () => {
  await pool?.terminate();
});

function values(shape: number[], seed: number): Float32Array {
  let s = seed;
  const length = shape.reduce((p, d) => p * d, 1);
  return Float32Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
}

/** `f` on seeded inputs of `shapes`, computed on the named backend, as bytes. */
async function evaluate(backendName: string, shapes: number[][], f: (...xs: Tensor[]) => Tensor): Promise<Uint8Array> {
  await setBackend(backendName);
  const xs = shapes.map((shape, i) => tensor(values(shape, i + 1), { shape }));
  const data = await f(...xs).data();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

const arm = (fault: EngineFault) => pool.call({ kind: 'control', what: 'arm' }, (engine) => engine.armFault(fault));
const stats = () => pool.call({ kind: 'control', what: 'stats' }, (engine) => engine.stats());

const cases: [string, number[][], (...xs: Tensor[]) => Tensor][] = [
  ['a matmul with a fused bias and relu', [[33, 20], [20, 17], [17]], (x, w, b) => relu(x.matmul(w).add(b))],
  ['a conv2d', [[3, 2, 9, 9], [4, 2, 3, 3]], (x, w) => x.conv2d(w, { padding: 1 })],
  ['a long elementwise chain', [[4099]], (x) => x.mul(2).add(1).tanh().mul(x)],
  ['a sum over rows and a softmax', [[40, 50]], (x) => softmax(x, 1).sum(0)],
];

describe('launches shared with the engine’s helper thread', () => {
  for (const [name, shapes, f] of cases) {
    it(`${name} gives exactly the in-process bytes, and is split`, async () => {
      const want = await evaluate('cpu-helpers-reference', shapes, f);
      expect(await evaluate('pool-helpers', shapes, f)).toEqual(want);
      expect(backend.lastReport?.splitLaunches).toBeGreaterThan(0);
    });
  }

  it('the helper computes shares (it is a real second thread)', async () => {
    const before = (await stats()).helperShares;
    for (let i = 0; i < 20 && (await stats()).helperShares === before; i++) {
      await evaluate('pool-helpers', [[256, 256], [256, 256]], (x, w) => x.matmul(w).matmul(w));
    }
    expect((await stats()).helperShares).toBeGreaterThan(before);
  });

  for (const kind of ['helper-exit', 'helper-throw'] as const) {
    it(`a helper that ${kind === 'helper-exit' ? 'exits' : 'throws'} mid-launch is replaced and said; the values stay right and later calls split again`, async () => {
      const shapes = [[40, 30], [30, 20]];
      const want = await evaluate('cpu-helpers-reference', shapes, (x, w) => x.matmul(w));
      const replaced = (await stats()).helperReplacements;
      const got = await evaluate('pool-helpers', shapes, (x, w) => {
        const y = x.matmul(w);
        void arm({ kind, atLabel: `matmul #${y.id}` });
        return y;
      });
      expect(got).toEqual(want);
      expect(backend.lastReport?.helperFaults).toEqual([expect.stringMatching(/^helper 1 .*split matmul launch.*; a new helper was started$/)]);
      expect((await stats()).helperReplacements).toBe(replaced + 1);
      // The replacement takes shares again, once it has started.
      const before = (await stats()).helperShares;
      const until = Date.now() + 20_000;
      while (Date.now() < until && (await stats()).helperShares === before) {
        expect(await evaluate('pool-helpers', shapes, (x, w) => x.matmul(w))).toEqual(want);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect((await stats()).helperShares).toBeGreaterThan(before);
    });
  }
});

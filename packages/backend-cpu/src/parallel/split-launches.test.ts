import { registerBackend, setBackend, tensor, relu, softmax, type Tensor } from '@loom/graph';
import { beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../cpu-backend.js';
import { serveHeapHelper } from './heap-helper.js';
import { HeapHelperTeam, type HeapHelperMessage, type HelperEndpoint } from './intra-op-team.js';

/** A helper served in this thread: it handles each message when posted, so it takes every share. */
function inThreadHelper(): HelperEndpoint {
  let handler: ((message: HeapHelperMessage) => void) | undefined;
  serveHeapHelper((h) => (handler = h));
  return { postMessage: (message) => handler?.(message), terminate: () => (handler = undefined) };
}

let team: HeapHelperTeam | undefined;
const split = new CpuBackend({
  helpers: (heap) => (team = new HeapHelperTeam(heap, inThreadHelper, 1, { scratchBytes: 1 << 22, stallMs: 50 })),
  splitMinFlops: 0,
  splitMinElements: 0,
  splitMinReduceElements: 0,
});
const whole = new CpuBackend();

beforeAll(() => {
  registerBackend('cpu-split-test', () => split);
  registerBackend('cpu-whole-test', () => whole);
});

function values(shape: number[], seed: number): Float32Array {
  let s = seed;
  const length = shape.reduce((p, d) => p * d, 1);
  return Float32Array.from({ length }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2);
}

async function evaluate(backend: string, shapes: number[][], f: (...xs: Tensor[]) => Tensor): Promise<Uint8Array> {
  await setBackend(backend);
  const xs = shapes.map((shape, i) => tensor(values(shape, i + 7), { shape }));
  const data = await f(...xs).data();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** name, input shapes, function, and false for a case with no launch that must split. */
const cases: [string, number[][], (...xs: Tensor[]) => Tensor, boolean?][] = [
  ['a long elementwise chain', [[3001]], (x) => x.mul(1.5).add(0.25).tanh().sub(x.exp())],
  ['a broadcast bias over NCHW runs', [[3, 5, 7, 9], [1, 5, 1, 1]], (x, b) => x.add(b).mul(x).sigmoid()],
  ['a row-broadcast product', [[37, 61], [61]], (x, b) => x.mul(b).maximum(x)],
  ['a sum over trailing axes', [[45, 33]], (x) => x.sum(1)],
  ['a sum over leading axes (columns, never split)', [[45, 37]], (x) => x.sum(0), false],
  ['a sum over leading and trailing axes', [[6, 4, 5, 7]], (x) => x.sum([0, 2, 3])],
  ['a max over trailing axes', [[29, 50]], (x) => x.max(1)],
  ['a softmax', [[19, 70]], (x) => softmax(x, 1)],
  ['a matmul with a fused bias and relu epilogue', [[33, 20], [20, 17], [17]], (x, w, b) => relu(x.matmul(w).add(b))],
];

describe('a CpuBackend sharing launches with a helper', () => {
  for (const [name, shapes, f, splits = true] of cases) {
    it(`${name}: split gives exactly the unsplit bytes`, async () => {
      const before = team?.stats().splitLaunches ?? 0;
      const want = await evaluate('cpu-whole-test', shapes, f);
      const got = await evaluate('cpu-split-test', shapes, f);
      expect(got).toEqual(want);
      if (splits) expect(team!.stats().splitLaunches).toBeGreaterThan(before);
    });
  }

  it('a helper that exits mid-launch is replaced, and the backend finishes its share', async () => {
    const f = (x: Tensor) => x.mul(3).add(1);
    const want = await evaluate('cpu-whole-test', [[5000]], f);
    team!.armFault('exit');
    expect(await evaluate('cpu-split-test', [[5000]], f)).toEqual(want);
    expect(team!.takeFaults()).toEqual([expect.stringMatching(/helper 1 finished no share .* for 50 ms .*; a new helper was started/)]);
    expect(await evaluate('cpu-split-test', [[5000]], f)).toEqual(want);
  });

  it('a helper that fails a share is replaced, and the share is recomputed here', async () => {
    const f = (x: Tensor) => x.sum(1);
    const want = await evaluate('cpu-whole-test', [[64, 40]], f);
    team!.armFault('throw');
    expect(await evaluate('cpu-split-test', [[64, 40]], f)).toEqual(want);
    expect(team!.takeFaults()).toEqual([expect.stringMatching(/helper 1 failed a share of a split sumRows launch/)]);
  });
});

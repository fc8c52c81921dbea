import type { Conv2dAttrs } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { fromHeap, toHeap } from '../testing/heap-arrays.js';
import type { HeapTensor } from '../wasm/heap-tensor.js';
import { WasmHeap } from '../wasm/wasm-heap.js';
import { WasmKernels } from '../wasm/wasm-kernels.js';
import { serveHeapHelper } from './heap-helper.js';
import { HeapHelperTeam, type HeapHelperMessage, type HelperEndpoint } from './intra-op-team.js';
import { runKernelTask, splitKernel, type GemmTask, type KernelTask, type SplitOp } from './kernel-task.js';

const heap = new WasmHeap({ initialBytes: 4 << 20 });
const kernels = new WasmKernels(heap);
const conv: Conv2dAttrs = { stride: [1, 1], padding: [1, 0, 1, 0], dilation: [1, 1], groups: 1 };

/** A helper served in this thread: each posted message is handled at once, as a worker would. */
function inThreadHelper(): HelperEndpoint {
  let handler: ((message: HeapHelperMessage) => void) | undefined;
  serveHeapHelper((h) => (handler = h));
  return { postMessage: (message) => handler?.(message), terminate: () => (handler = undefined) };
}

/** A helper that takes its setup and then never answers. */
const silentHelper = (): HelperEndpoint => ({ postMessage: () => undefined, terminate: () => undefined });

function tensor(shape: number[], seed: number): HeapTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return { offset: toHeap(heap, Array.from({ length: size }, (_, i) => ((i * 7919 + seed * 104729) % 23) - 11)), shape };
}

const size = (t: HeapTensor) => t.shape.reduce((a, b) => a * b, 1);

const launches: [SplitOp, HeapTensor[], number[]][] = [
  ['matmul', [tensor([2, 9, 13], 1), tensor([2, 13, 6], 2)], [2, 9, 6]],
  ['conv2d', [tensor([5, 3, 8, 7], 3), tensor([4, 3, 3, 3], 4)], [5, 4, 8, 5]],
  ['conv2dInputGrad', [tensor([5, 4, 8, 5], 5), tensor([4, 3, 3, 3], 6)], [5, 3, 8, 7]],
  ['conv2dFilterGrad', [tensor([5, 3, 8, 7], 7), tensor([5, 4, 8, 5], 8)], [4, 3, 3, 3]],
];

function unsplit(op: SplitOp, inputs: HeapTensor[], shape: number[]): number[] {
  const output = tensor(shape, 0);
  runKernelTask(kernels, { op, inputs, output, conv: op === 'matmul' ? undefined : conv, range: [0, shape[0] * (op === 'matmul' ? shape[1] : 1)] });
  return fromHeap(heap, output.offset, size(output));
}

describe('splitKernel', () => {
  it('cuts the output’s units into contiguous near-equal shares', () => {
    const tasks = splitKernel('conv2d', launches[1][1], tensor([5, 4, 8, 5], 0), conv, 2, 0, 1);
    expect(tasks?.map((t) => t.range)).toEqual([
      [0, 2],
      [2, 5],
    ]);
    const rows = splitKernel('matmul', launches[0][1], tensor([2, 9, 6], 0), undefined, 3, 0, 1);
    expect(rows?.map((t) => t.range)).toEqual([
      [0, 6],
      [6, 12],
      [12, 18],
    ]);
  });

  it('makes several shares per thread, but one per thread for filter gradients', () => {
    expect(splitKernel('matmul', launches[0][1], tensor([2, 9, 6], 0), undefined, 2, 0)?.length).toBe(8);
    expect(splitKernel('conv2d', launches[1][1], tensor([5, 4, 8, 5], 0), conv, 2, 0)?.map((t) => t.range)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(splitKernel('conv2dFilterGrad', launches[3][1], tensor([4, 3, 3, 3], 0), conv, 2, 0)?.length).toBe(2);
  });

  it('leaves small launches and single units alone', () => {
    expect(splitKernel('conv2d', launches[1][1], tensor([5, 4, 8, 5], 0), conv, 2, 1e9)).toBeUndefined();
    expect(splitKernel('conv2d', [tensor([1, 3, 8, 7], 0), launches[1][1][1]], tensor([1, 4, 8, 5], 0), conv, 2, 0)).toBeUndefined();
    expect(splitKernel('conv2d', launches[1][1], tensor([5, 4, 8, 5], 0), conv, 1, 0)).toBeUndefined();
  });
});

describe('HeapHelperTeam', () => {
  for (const [op, inputs, shape] of launches) {
    it(`splits ${op} with a helper and gets exactly the unsplit values`, () => {
      const team = new HeapHelperTeam(heap, inThreadHelper, 1, { scratchBytes: 1 << 20 });
      expect(team.threads()).toBe(2);
      const output = tensor(shape, 9);
      const tasks = splitKernel(op, inputs, output, op === 'matmul' ? undefined : conv, team.threads(), 0)!;
      expect(tasks.length).toBeGreaterThan(1);
      // The in-thread helper claims every task as soon as it is posted, so none is left for us.
      team.run(tasks, () => {
        throw new Error('no task should be left for the calling thread');
      });
      expect(fromHeap(heap, output.offset, size(output))).toEqual(unsplit(op, inputs, shape));
      expect(team.threads()).toBe(2);
    });
  }

  it('never waits for a helper that claims nothing: a silent helper leaves every task to us', () => {
    const team = new HeapHelperTeam(heap, silentHelper, 1, { scratchBytes: 1 << 16, stallMs: 60_000 });
    const [op, inputs, shape] = launches[1];
    const output = tensor(shape, 9);
    const tasks = splitKernel(op, inputs, output, conv, 2, 0)!;
    const shares: KernelTask[] = [];
    team.run(tasks, (task) => {
      shares.push(task);
      runKernelTask(kernels, task);
    });
    expect(shares).toEqual(tasks);
    expect(fromHeap(heap, output.offset, size(output))).toEqual(unsplit(op, inputs, shape));
    expect(team.threads()).toBe(2);
  });

  it('recomputes the shares a helper failed here, and replaces that helper', () => {
    const team = new HeapHelperTeam(heap, inThreadHelper, 1, { scratchBytes: 1 << 20 });
    const [op, inputs, shape] = launches[1];
    const output = tensor(shape, 9);
    // Without conv attributes every task fails in the helper; this thread supplies them.
    const tasks = splitKernel(op, inputs, output, conv, 2, 0)!.map((t) => ({ ...t, conv: undefined }));
    let here = 0;
    team.run(tasks, (task) => {
      here++;
      runKernelTask(kernels, { ...(task as GemmTask), conv });
    });
    expect(here).toBe(tasks.length);
    expect(fromHeap(heap, output.offset, size(output))).toEqual(unsplit(op, inputs, shape));
    expect(team.stats().replacements).toBe(1);
    expect(team.takeFaults()).toEqual([expect.stringMatching(/helper 1 failed a share of a split conv2d launch; a new helper was started/)]);
    expect(team.threads()).toBe(2);
  });

  it('throws, saying why, when a failed share overwrote its own input (it cannot be recomputed)', () => {
    const team = new HeapHelperTeam(heap, inThreadHelper, 1, { scratchBytes: 1 << 16 });
    // A kernel the helper was never handed: every share fails there.
    const tasks: KernelTask[] = [0, 1].map((i) => ({ op: 'fused', kernel: 999, out: 64, loads: [], range: [i * 16, i * 16 + 16], inPlace: true }));
    expect(() => team.run(tasks, () => undefined)).toThrow(/fused launch, and its share overwrites its own input, so it cannot be recomputed/);
    expect(team.stats().replacements).toBe(1);
  });

  it('runs on fewer threads, saying why, when a helper cannot start (no nested workers)', () => {
    const team = new HeapHelperTeam(heap, () => {
      throw new ReferenceError('Worker is not defined');
    }, 1, { scratchBytes: 1 << 16 });
    expect(team.threads()).toBe(1);
    expect(team.stats().liveHelpers).toBe(0);
    expect(team.takeFaults()).toEqual(['helper 1: starting a helper thread failed (Worker is not defined)']);
  });

  it('replaces a helper that died between launches before the next launch, and says so', () => {
    const deaths: ((cause: string) => void)[] = [];
    let started = 0;
    const team = new HeapHelperTeam(heap, () => {
      started++;
      const helper = inThreadHelper();
      return { ...helper, onDeath: (listener) => deaths.push(listener) };
    }, 1, { scratchBytes: 1 << 16 });
    deaths[0]('it exited with code 1');
    const [op, inputs, shape] = launches[0];
    const output = tensor(shape, 9);
    team.run(splitKernel(op, inputs, output, undefined, 2, 0)!, (task) => runKernelTask(kernels, task));
    expect(fromHeap(heap, output.offset, size(output))).toEqual(unsplit(op, inputs, shape));
    expect(started).toBe(2);
    expect(team.takeFaults()).toEqual(['helper 1 died (it exited with code 1); a new helper was started']);
    expect(team.stats()).toMatchObject({ replacements: 1, liveHelpers: 1 });
  });
});

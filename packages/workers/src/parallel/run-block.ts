import { cpuKernels, type CpuArray } from '@loom/backend-cpu';
import type { BlockTask, Shape4 } from './block-task.js';

/** Float32 operands of a split launch, as views on shared memory (or any memory, in tests). */
export interface BlockOperands {
  a: Float32Array;
  b: Float32Array;
  out: Float32Array;
}

/**
 * Computes one block with the CPU backend's own kernels on sub-views, so a split launch gives
 * exactly the values the unsplit kernel gives: every output element is computed by the same code
 * from the same inputs. The block's output range is zero-filled first, as kernels expect.
 */
export function runBlock(task: BlockTask, { a, b, out }: BlockOperands): void {
  if (task.end <= task.start) return;
  switch (task.kind) {
    case 'matmul':
      return matmulRows(task, a, b, out);
    case 'conv2d-batch':
      return conv2dImages(task, a, b, out);
    case 'conv2d-channels':
      return conv2dChannels(task, a, b, out);
  }
}

const f32 = (data: Float32Array, shape: readonly number[]): CpuArray => ({ data, shape, dtype: 'float32' });

function matmulRows(task: Extract<BlockTask, { kind: 'matmul' }>, a: Float32Array, b: Float32Array, out: Float32Array): void {
  const { m, k, n, start, end } = task;
  // A row range may cross batch boundaries: run the kernel once per batch it touches.
  for (let row = start; row < end; ) {
    const batch = Math.floor(row / m);
    const stop = Math.min(end, (batch + 1) * m);
    const rows = stop - row;
    const y = out.subarray(row * n, stop * n);
    y.fill(0);
    cpuKernels.matmul(
      [f32(a.subarray(row * k, stop * k), [rows, k]), f32(b.subarray(batch * k * n, (batch + 1) * k * n), [k, n])],
      f32(y, [rows, n]),
      {},
    );
    row = stop;
  }
}

const volume = (s: Shape4): number => s[1] * s[2] * s[3];

function conv2dImages(task: Extract<BlockTask, { kind: 'conv2d-batch' }>, x: Float32Array, w: Float32Array, out: Float32Array): void {
  const { start, end } = task;
  const images = end - start;
  const y = out.subarray(start * volume(task.out), end * volume(task.out));
  y.fill(0);
  cpuKernels.conv2d(
    [f32(x.subarray(start * volume(task.x), end * volume(task.x)), [images, ...task.x.slice(1)]), f32(w, task.w)],
    f32(y, [images, ...task.out.slice(1)]),
    task.attrs,
  );
}

function conv2dChannels(task: Extract<BlockTask, { kind: 'conv2d-channels' }>, x: Float32Array, w: Float32Array, out: Float32Array): void {
  const { start, end } = task;
  if (task.attrs.groups !== 1) throw new Error('conv2d-channels blocks need groups = 1');
  const channels = end - start;
  const filterSize = volume(task.w);
  const plane = task.out[2] * task.out[3];
  const filters = f32(w.subarray(start * filterSize, end * filterSize), [channels, ...task.w.slice(1)]);
  for (let image = 0; image < task.x[0]; image++) {
    const base = image * volume(task.out);
    const y = out.subarray(base + start * plane, base + end * plane);
    y.fill(0);
    const input = f32(x.subarray(image * volume(task.x), (image + 1) * volume(task.x)), [1, ...task.x.slice(1)]);
    cpuKernels.conv2d([input, filters], f32(y, [1, channels, task.out[2], task.out[3]]), task.attrs);
  }
}

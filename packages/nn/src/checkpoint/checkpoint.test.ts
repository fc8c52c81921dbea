import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randn, tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { Linear } from '../layers/linear.js';
import { ReLU } from '../layers/activations.js';
import { Sequential } from '../layers/sequential.js';
import { BatchNorm1d } from '../layers/batch-norm.js';
import { Adam } from '../optim/adam.js';
import { mse } from '../losses/mse.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-format.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { loadCheckpointFile, saveCheckpointFile } from './checkpoint-file.js';

beforeAll(useCpu);

const model = (seed: number, hidden = 4) => new Sequential(new Linear(3, hidden, { seed }), new BatchNorm1d(hidden), new ReLU(), new Linear(hidden, 1, { seed: seed + 1 }));
const x = randn([8, 3], { seed: 1 });
const y = randn([8, 1], { seed: 2 });

async function trainSteps(net: Sequential, opt: Adam, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    mse(net.forward(x), y).backward();
    await opt.step();
  }
}

describe('checkpoints', () => {
  it('encode named arrays behind a JSON header and decode them unchanged', () => {
    const bytes = encodeCheckpoint(
      [
        { name: 'a', shape: [2], data: Float32Array.of(1.5, -2) },
        { name: 'b', shape: [3], data: Int32Array.of(7, 8, 9) },
      ],
      { epoch: 3 },
    );
    const { header, arrays } = decodeCheckpoint(bytes);
    expect(header.metadata).toEqual({ epoch: 3 });
    expect(Array.from(arrays.get('a')!.data)).toEqual([1.5, -2]);
    expect(arrays.get('b')!.data).toBeInstanceOf(Int32Array);
    expect(Array.from(arrays.get('b')!.data)).toEqual([7, 8, 9]);
  });

  it('restore model and optimizer so training continues exactly as it would have', async () => {
    const original = model(1);
    const opt = new Adam(original, { lr: 0.05 });
    await trainSteps(original, opt, 3);
    const file = await saveCheckpoint(original, opt, { note: 'after 3 steps' });

    const restored = model(9);
    const restoredOpt = new Adam(restored, { lr: 0.05 });
    expect(await loadCheckpoint(file, restored, restoredOpt)).toEqual({ note: 'after 3 steps' });
    await trainSteps(original, opt, 2);
    await trainSteps(restored, restoredOpt, 2);
    const [a, b] = [await original.forward(x).data(), await restored.forward(x).data()];
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
    expect(await restoredOpt.stepCount.item()).toBe(5);
  });

  it('refuses a checkpoint whose shapes differ, naming the parameter, and changes nothing', async () => {
    const file = await saveCheckpoint(model(1, 4));
    const other = model(2, 5);
    const before = await other.at(0).forward(x).data();
    await expect(loadCheckpoint(file, other)).rejects.toThrow(/model "0.weight" has shape \[5, 3\] but the checkpoint has \[4, 3\]/);
    expect(await other.at(0).forward(x).data()).toEqual(before);
  });

  it('refuses bytes that are not a checkpoint', async () => {
    await expect(loadCheckpoint(new Uint8Array(16), model(1))).rejects.toThrow(/not a Loom checkpoint/);
  });

  it('saves to and loads from a file in Node', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loom-checkpoint-'));
    try {
      const source = new Linear(2, 2, { seed: 4 });
      await saveCheckpointFile(join(dir, 'linear.loom'), source);
      const target = new Linear(2, 2, { seed: 5 });
      await loadCheckpointFile(join(dir, 'linear.loom'), target);
      expect(await target.forward(tensor([[1, 2]])).data()).toEqual(await source.forward(tensor([[1, 2]])).data());
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

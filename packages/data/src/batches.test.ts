import { beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from './dataset.js';
import { batchCount, batches } from './batches.js';
import { useCpu } from './testing/use-cpu.js';

beforeAll(useCpu);

const counting = createDataset(
  { name: 'counting', inputShape: [1], targetShape: [1] },
  Float32Array.from({ length: 10 }, (_, i) => i),
  Float32Array.from({ length: 10 }, (_, i) => 100 + i),
);

async function firstColumn(seed: number): Promise<number[]> {
  const values: number[] = [];
  for (const batch of batches(counting, { batchSize: 4, shuffle: true, seed })) values.push(...(await batch.inputs.data()));
  return values;
}

describe('batches', () => {
  it('yields tensors of [batch, ...shape] with a smaller last batch', async () => {
    const all = [...batches(counting, { batchSize: 4 })];
    expect(all.map((b) => b.size)).toEqual([4, 4, 2]);
    expect(all[2].inputs.shape).toEqual([2, 1]);
    expect(Array.from(await all[2].targets.data())).toEqual([108, 109]);
  });

  it('drops the short last batch when asked', () => {
    expect(batchCount(counting, { batchSize: 4, dropLast: true })).toBe(2);
    expect([...batches(counting, { batchSize: 4, dropLast: true })].map((b) => b.size)).toEqual([4, 4]);
  });

  it('keeps inputs and targets paired when shuffling', async () => {
    for (const batch of batches(counting, { batchSize: 3, shuffle: true, seed: 9 })) {
      const [x, y] = [await batch.inputs.data(), await batch.targets.data()];
      x.forEach((v, i) => expect(y[i]).toBe(v + 100));
    }
  });

  it('visits every example once per epoch, in an order fixed by the seed', async () => {
    const order = await firstColumn(3);
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await firstColumn(3)).toEqual(order);
    expect(await firstColumn(4)).not.toEqual(order);
  });
});

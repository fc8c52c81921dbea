import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { keptWeights, WeightsStore, type SavedWeights } from './weights-store.js';

let stores: WeightsStore[] = [];
let dbCount = 0;
const openStore = () => {
  const store = new WeightsStore(`test-weights-${dbCount++}`);
  stores.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
});

const entry = (structure: string, savedAt: number, bytes = [1, 2, 3]): SavedWeights => ({
  structure,
  documentName: 'mlp',
  checkpoint: new Uint8Array(bytes).buffer,
  info: { steps: 300, savedAt: new Date(savedAt).toISOString(), restored: false },
  savedAt,
});

describe('WeightsStore', () => {
  it('gives back the checkpoint saved for a structure, bytes intact', async () => {
    const store = openStore();
    await store.save(entry('abc', 1, [9, 8, 7]));
    const loaded = await store.load('abc');
    expect(Array.from(new Uint8Array(loaded!.checkpoint))).toEqual([9, 8, 7]);
    expect(loaded!.info.steps).toBe(300);
    expect(await store.load('other')).toBeUndefined();
  });

  it('replaces the weights of the same structure', async () => {
    const store = openStore();
    await store.save(entry('abc', 1, [1]));
    await store.save(entry('abc', 2, [2]));
    expect(Array.from(new Uint8Array((await store.load('abc'))!.checkpoint))).toEqual([2]);
  });

  it(`keeps only the ${keptWeights} most recently saved structures`, async () => {
    const store = openStore();
    for (let i = 0; i <= keptWeights; i++) await store.save(entry(`s${i}`, 100 + i));
    expect(await store.load('s0')).toBeUndefined();
    expect(await store.load('s1')).toBeDefined();
    expect(await store.load(`s${keptWeights}`)).toBeDefined();
  });
});

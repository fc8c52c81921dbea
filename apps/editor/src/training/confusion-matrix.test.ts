import { describe, expect, it } from 'vitest';
import { argmaxRows, classRecalls, confusionMatrix, matrixAccuracy } from './confusion-matrix.js';

describe('confusionMatrix', () => {
  it('counts true class by row and predicted class by column', () => {
    const m = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3);
    expect(m).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
  });

  it('rejects a prediction outside the classes, naming the example', () => {
    expect(() => confusionMatrix([0, 1], [0, 3], 3)).toThrow(
      /example 1 has label 1 and prediction 3/,
    );
  });

  it('rejects labels and predictions of different lengths', () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(/2 labels but 1 predictions/);
  });
});

describe('matrixAccuracy and classRecalls', () => {
  const m = [
    [3, 1],
    [0, 0],
  ];
  it('reads accuracy off the diagonal', () => {
    expect(matrixAccuracy(m)).toBe(0.75);
    expect(matrixAccuracy([[0]])).toBe(0);
  });

  it('gives each class its recall, NaN for a class without examples', () => {
    const [first, second] = classRecalls(m);
    expect(first).toBe(0.75);
    expect(second).toBeNaN();
  });
});

describe('argmaxRows', () => {
  it('picks the first largest value of each row', () => {
    expect(Array.from(argmaxRows([0.1, 0.7, 0.2, 5, 5, 1], 3))).toEqual([1, 0]);
  });
});

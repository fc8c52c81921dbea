import { describe, expect, it } from 'vitest';
import { spirals } from './spirals.js';
import { circles } from './circles.js';
import { xor } from './xor.js';
import { blobs } from './blobs.js';
import { linearRegression } from './linear-regression.js';
import { sine } from './sine.js';
import { reverseDigits } from './reverse-digits.js';

function classCounts(targets: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < targets.length; i++) counts[targets[i]]++;
  return counts;
}

describe('synthetic datasets', () => {
  it('spirals have balanced classes of 2-D points inside the unit disc (plus noise)', () => {
    const data = spirals({ pointsPerClass: 50, classes: 3, seed: 1 });
    expect(data.size).toBe(150);
    expect(classCounts(data.targets, 3)).toEqual([50, 50, 50]);
    for (let i = 0; i < data.size; i++) expect(Math.hypot(data.inputs[2 * i], data.inputs[2 * i + 1])).toBeLessThan(1.0001);
  });

  it('circles put class 1 on the inner circle and class 0 on the outer', () => {
    const data = circles({ samples: 100, noise: 0, factor: 0.4 });
    for (let i = 0; i < data.size; i++)
      expect(Math.hypot(data.inputs[2 * i], data.inputs[2 * i + 1])).toBeCloseTo(data.targets[i] === 1 ? 0.4 : 1, 5);
  });

  it('xor labels a point 1 when its coordinates have different signs', () => {
    const data = xor({ samples: 40, noise: 0.1 });
    for (let i = 0; i < data.size; i++) expect(data.targets[i]).toBe(Math.sign(data.inputs[2 * i]) === Math.sign(data.inputs[2 * i + 1]) ? 0 : 1);
  });

  it('blobs cluster each class around its own centre', () => {
    const data = blobs({ samples: 90, centers: 3, features: 4, std: 0.1, seed: 2 });
    expect(data.inputShape).toEqual([4]);
    // Examples i and i + 3 share a class, so they lie close together.
    for (let f = 0; f < 4; f++) expect(Math.abs(data.inputs[f] - data.inputs[12 + f])).toBeLessThan(1);
  });

  it('linear regression targets follow x·w + b within the noise', () => {
    const data = linearRegression({ samples: 50, weights: [2, -3.4], bias: 4.2, noise: 0 });
    expect(data.trueWeights).toEqual([2, -3.4]);
    for (let i = 0; i < data.size; i++) expect(data.targets[i]).toBeCloseTo(2 * data.inputs[2 * i] - 3.4 * data.inputs[2 * i + 1] + 4.2, 4);
  });

  it('sine targets follow sin(x)', () => {
    const data = sine({ samples: 30, noise: 0 });
    for (let i = 0; i < data.size; i++) expect(data.targets[i]).toBeCloseTo(Math.sin(data.inputs[i]), 5);
  });

  it('reverse-digits targets are the input digits reversed', () => {
    const data = reverseDigits({ samples: 5, length: 8, seed: 3 });
    for (let i = 0; i < 5; i++)
      expect(Array.from(data.targets.subarray(i * 8, i * 8 + 8))).toEqual(Array.from(data.inputs.subarray(i * 8, i * 8 + 8)).reverse());
  });

  it('gives the same data for the same seed and different data for another', () => {
    expect(Array.from(spirals({ seed: 5 }).inputs)).toEqual(Array.from(spirals({ seed: 5 }).inputs));
    expect(Array.from(spirals({ seed: 5 }).inputs)).not.toEqual(Array.from(spirals({ seed: 6 }).inputs));
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeSaliency, softmax } from './saliency.js';

describe('normalizeSaliency', () => {
  it('scales gradient magnitudes so the largest is 1', () => {
    expect(Array.from(normalizeSaliency([0.5, -2, 1, 0]))).toEqual([0.25, 1, 0.5, 0]);
  });

  it('takes the largest magnitude over channels per pixel', () => {
    // two channels of two pixels: channel-major
    expect(Array.from(normalizeSaliency([1, 0, -4, 2], 2))).toEqual([1, 0.5]);
  });

  it('gives zeros, not NaNs, for a zero or non-finite gradient', () => {
    expect(Array.from(normalizeSaliency([0, 0, 0]))).toEqual([0, 0, 0]);
    expect(Array.from(normalizeSaliency([Number.NaN, 2]))).toEqual([0, 1]);
  });
});

describe('softmax', () => {
  it('sums to one and keeps the order of the logits', () => {
    const p = softmax([1, 3, 2]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeGreaterThan(p[2]);
    expect(p[2]).toBeGreaterThan(p[0]);
  });

  it('does not overflow on large logits', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });
});

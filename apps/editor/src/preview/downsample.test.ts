import { describe, expect, it } from 'vitest';
import { downsample } from './downsample.js';

describe('downsample', () => {
  it('keeps a short series as it is', () => {
    expect(downsample(new Float32Array([1, 2, 3]), 8)).toEqual([1, 2, 3]);
  });

  it('averages equal runs of a long one', () => {
    expect(downsample([1, 3, 5, 7, 9, 11], 3)).toEqual([2, 6, 10]);
    expect(
      downsample(
        Array.from({ length: 10 }, (_, i) => i),
        4,
      ),
    ).toEqual([0.5, 3, 5.5, 8]);
  });

  it('skips non-finite values, and shows a run of only NaN as NaN', () => {
    const out = downsample([1, Number.NaN, Number.NaN, Number.NaN], 2);
    expect(out[0]).toBe(1);
    expect(out[1]).toBeNaN();
  });
});

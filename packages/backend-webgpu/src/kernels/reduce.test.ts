import { describe, expect, it } from 'vitest';
import { splitAxes } from './reduce.js';

describe('splitAxes', () => {
  it('merges neighbouring reduced axes into one with the inner stride', () => {
    expect(splitAxes([2, 3, 4, 5], [1, 2])).toEqual({ kept: { sizes: [2, 5], strides: [60, 1] }, reduced: { sizes: [12], strides: [5] } });
  });

  it('drops size-1 axes, so a reduction over them is empty', () => {
    expect(splitAxes([3, 1, 4], [1])).toEqual({ kept: { sizes: [12], strides: [1] }, reduced: { sizes: [], strides: [] } });
  });

  it('keeps alternating kept and reduced axes apart', () => {
    expect(splitAxes([2, 3, 4], [0, 2])).toEqual({ kept: { sizes: [3], strides: [4] }, reduced: { sizes: [2, 4], strides: [12, 1] } });
  });
});

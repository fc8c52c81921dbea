import { describe, expect, it } from 'vitest';
import { histogram, imageGrid, valueStats } from './value-stats.js';

describe('valueStats', () => {
  it('gives min, max, mean and population std', () => {
    expect(valueStats([1, 2, 3, 4])).toEqual({
      min: 1,
      max: 4,
      mean: 2.5,
      std: Math.sqrt(1.25),
      count: 4,
    });
  });

  it('lets a NaN show through rather than hiding it', () => {
    const s = valueStats([1, Number.NaN, 3]);
    expect(s.mean).toBeNaN();
    expect(s.max).toBeNaN();
  });
});

describe('histogram', () => {
  it('puts every finite value into one of equal-width bins, max into the last', () => {
    const h = histogram([0, 0.1, 0.5, 0.9, 1, Number.NaN], 2);
    expect(h.edges).toEqual([0, 0.5, 1]);
    expect(h.counts).toEqual([2, 3]);
  });

  it('gives one bin around a constant', () => {
    expect(histogram([2, 2, 2])).toEqual({ edges: [1.5, 2.5], counts: [3] });
  });
});

describe('imageGrid', () => {
  it('makes one image per leading index, scaled to [0, 1] over the grid', () => {
    const grid = imageGrid([0, 1, 2, 3, 4, 5, 6, 8], [2, 2, 2])!;
    expect([grid.count, grid.height, grid.width]).toEqual([2, 2, 2]);
    expect(grid.pixels[0]).toBe(0);
    expect(grid.pixels[7]).toBe(1);
    expect(grid.pixels[4]).toBe(0.5);
  });

  it('refuses shapes that are not images, and limits the count', () => {
    expect(imageGrid([1, 2, 3], [3])).toBeUndefined();
    expect(imageGrid(new Float32Array(10), [10, 1])).toBeUndefined();
    expect(imageGrid(new Float32Array(5 * 4), [5, 2, 2], 3)!.count).toBe(3);
  });
});

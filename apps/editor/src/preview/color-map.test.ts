import { describe, expect, it } from 'vitest';
import { colorMapFor, divergingRgb, paintPixels } from './color-map.js';

describe('colorMapFor', () => {
  it('diverges only when the values cross zero', () => {
    expect(colorMapFor(-1, 2)).toBe('diverging');
    expect(colorMapFor(0, 2)).toBe('grey');
    expect(colorMapFor(-3, -1)).toBe('grey');
    expect(colorMapFor(-4, 2.7)).toBe('diverging');
  });

  it('keeps grey when the negative side is only a slight offset (a normalised digit)', () => {
    expect(colorMapFor(-0.42, 2.82)).toBe('grey');
    expect(colorMapFor(-2.82, 0.42)).toBe('grey');
  });
});

describe('divergingRgb', () => {
  it('is neutral at zero, blue below and orange above, clamped', () => {
    const zero = divergingRgb(0);
    const low = divergingRgb(-1);
    const high = divergingRgb(1);
    expect(low[2]).toBeGreaterThan(low[0]);
    expect(high[0]).toBeGreaterThan(high[2]);
    expect(divergingRgb(5)).toEqual(high);
    expect(divergingRgb(Number.NaN)).toEqual(zero);
  });
});

describe('paintPixels', () => {
  it('maps grey 0 → black and 1 → white, opaque', () => {
    expect([...paintPixels([0, 1], 0, 1)]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('puts zero at the neutral colour for values that cross zero', () => {
    // [-2, 2]: 0.5 stands for 0, 1 for +2 (full orange), 0 for -2 (full blue).
    const rgba = paintPixels([0.5, 1, 0], -2, 2);
    expect([...rgba.subarray(0, 3)]).toEqual([...divergingRgb(0)]);
    expect([...rgba.subarray(4, 7)]).toEqual([...divergingRgb(1)]);
    expect([...rgba.subarray(8, 11)]).toEqual([...divergingRgb(-1)]);
  });

  it('keeps the scale symmetric: -1 in [-1, 4] is a quarter-strength blue', () => {
    const rgba = paintPixels([0], -1, 4);
    expect([...rgba.subarray(0, 3)]).toEqual([...divergingRgb(-0.25)]);
  });
});

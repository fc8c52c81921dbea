import { describe, expect, it } from 'vitest';
import { barAxis, maxLabelledBars } from './bar-axis.js';

describe('barAxis', () => {
  it('labels each of ten class scores with its index, from 0 up to the largest value', () => {
    const axis = barAxis([0.1, 0.5, 2, 0, 0, 0, 0, 0, 0, 0.25]);
    expect(axis.indices).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(axis.top).toBe('2');
    expect(axis.bottom).toBe('0');
  });

  it('spans minus to plus the largest magnitude when some values are negative', () => {
    const axis = barAxis([-3, 1.5, Number.NaN]);
    expect(axis.top).toBe('3');
    expect(axis.bottom).toBe('−3');
  });

  it('labels only the first and last element of a downsampled series', () => {
    expect(barAxis(new Array<number>(48).fill(1), 784).indices).toEqual(['0', '783']);
  });

  it('spans the elements’ own extremes, not only the means a downsampled series keeps', () => {
    const axis = barAxis([0.5, -0.25], 100, { min: -1.5, max: 1.25 });
    expect(axis.scale).toBe(1.5);
    expect([axis.top, axis.bottom]).toEqual(['1.5', '−1.5']);
  });

  it('labels only the ends of a long series', () => {
    expect(barAxis(new Array<number>(maxLabelledBars + 1).fill(1)).indices).toEqual([
      '0',
      String(maxLabelledBars),
    ]);
  });
});

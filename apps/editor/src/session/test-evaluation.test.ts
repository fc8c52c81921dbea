import { describe, expect, it } from 'vitest';
import { crossEntropyRow } from './test-evaluation.js';

describe('crossEntropyRow', () => {
  it('is log(classes) for equal logits', () => {
    expect(crossEntropyRow([2, 2, 2, 2], 0, 4, 1)).toBeCloseTo(Math.log(4), 12);
  });

  it('reads the row at its offset and stays finite for huge logits', () => {
    const loss = crossEntropyRow([9, 9, 1000, 0], 2, 2, 0);
    expect(loss).toBeCloseTo(0, 12);
    expect(crossEntropyRow([9, 9, 1000, 0], 2, 2, 1)).toBeCloseTo(1000, 9);
  });
});

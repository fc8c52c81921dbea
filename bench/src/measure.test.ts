import { describe, expect, it } from 'vitest';
import { measure, median } from './measure.js';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(/no values/);
  });
});

describe('measure', () => {
  it('runs the function at least warm-up plus minRuns times', async () => {
    let calls = 0;
    const m = await measure('count', () => void calls++, { warmup: 2, minRuns: 5, minTimeMs: 0 });
    expect(m.runs).toBe(5);
    expect(calls).toBe(7);
  });
});

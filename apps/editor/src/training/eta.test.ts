import { describe, expect, it } from 'vitest';
import { formatDuration, remainingSeconds, smoothRate } from './eta.js';

describe('remainingSeconds', () => {
  it('divides the remaining examples by the rate', () => {
    expect(remainingSeconds(100, 64, 3200)).toBe(2);
  });

  it('is unknown while there is no positive rate', () => {
    expect(remainingSeconds(100, 64, 0)).toBeUndefined();
    expect(remainingSeconds(100, 64, Number.NaN)).toBeUndefined();
  });

  it('never goes below zero past the last step', () => {
    expect(remainingSeconds(-3, 64, 1000)).toBe(0);
  });
});

describe('smoothRate', () => {
  it('starts at the first sample and then moves a tenth of the way to each new one', () => {
    const first = smoothRate(undefined, 1000);
    expect(first).toBe(1000);
    expect(smoothRate(first, 2000)).toBe(1100);
  });

  it('ignores samples that are not positive finite rates', () => {
    expect(smoothRate(500, Number.POSITIVE_INFINITY)).toBe(500);
    expect(smoothRate(500, 0)).toBe(500);
  });
});

describe('formatDuration', () => {
  it('writes seconds, minutes and hours', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(undefined)).toBe('—');
  });
});

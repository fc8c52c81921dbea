import { describe, expect, it } from 'vitest';
import { formatStat } from './format-stat.js';

describe('formatStat', () => {
  it('keeps three significant digits, with a real minus sign', () => {
    expect(formatStat(0.123456)).toBe('0.123');
    expect(formatStat(-2.71828)).toBe('−2.72');
    expect(formatStat(1234.5)).toBe('1230');
    expect(formatStat(0)).toBe('0');
  });

  it('switches to exponents for tiny and huge values, and names the non-finite', () => {
    expect(formatStat(0.00001234)).toBe('1.2e-5');
    expect(formatStat(-123456)).toBe('−1.2e+5');
    expect(formatStat(Number.NaN)).toBe('NaN');
    expect(formatStat(-Infinity)).toBe('−∞');
  });
});

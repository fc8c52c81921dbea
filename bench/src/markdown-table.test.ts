import { describe, expect, it } from 'vitest';
import { formatNumber, formatRatio, markdownTable } from './markdown-table.js';

describe('markdownTable', () => {
  it('renders a header, an alignment row with numbers right-aligned, and the rows', () => {
    expect(markdownTable(['N', 'GFLOP/s'], [['128', '1.0']])).toBe(
      '| N | GFLOP/s |\n| --- | ---: |\n| 128 | 1.0 |\n',
    );
  });
});

describe('formatNumber and formatRatio', () => {
  it('print a dash for a missing or non-finite value instead of NaN', () => {
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(3.14159, 2)).toBe('3.14');
    expect(formatRatio(3, 2)).toBe('1.50×');
    expect(formatRatio(3, undefined)).toBe('—');
    expect(formatRatio(3, 0)).toBe('—');
  });
});

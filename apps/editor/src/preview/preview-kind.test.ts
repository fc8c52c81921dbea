import { describe, expect, it } from 'vitest';
import { previewKind } from './preview-kind.js';

describe('previewKind', () => {
  it('takes [1, C, H, W] and [1, H, W] as images', () => {
    expect(previewKind([1, 1, 28, 28])).toBe('image');
    expect(previewKind([1, 32, 13, 13])).toBe('image');
    expect(previewKind([1, 28, 28])).toBe('image');
  });

  it('takes vectors, long sequences and 1-pixel maps as series', () => {
    expect(previewKind([1, 128])).toBe('series');
    expect(previewKind([1, 32, 128])).toBe('series');
    expect(previewKind([1, 64, 1, 1])).toBe('series');
  });

  it('takes a single value as a scalar and an empty tensor as nothing', () => {
    expect(previewKind([])).toBe('scalar');
    expect(previewKind([1, 1])).toBe('scalar');
    expect(previewKind([1, 0])).toBe('none');
  });
});

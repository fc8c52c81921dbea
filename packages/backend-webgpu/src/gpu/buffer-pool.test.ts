import { describe, expect, it } from 'vitest';
import { sizeClass } from './buffer-pool.js';

describe('sizeClass', () => {
  it('gives every request at least its size, in 16-byte multiples', () => {
    for (const bytes of [0, 1, 4, 255, 256, 257, 65536, 65537, 1e6, 123456789]) {
      const c = sizeClass(bytes);
      expect(c).toBeGreaterThanOrEqual(bytes);
      expect(c % 16).toBe(0);
    }
  });

  it('wastes at most an eighth above 64 KiB and 255 bytes below', () => {
    for (let bytes = 1; bytes < 2 ** 28; bytes = Math.ceil(bytes * 1.37)) {
      const waste = sizeClass(bytes) - Math.max(bytes, 16);
      if (bytes <= 65536) expect(waste).toBeLessThan(256);
      else expect(waste / bytes).toBeLessThanOrEqual(1 / 8);
    }
  });

  it('maps nearby sizes to one class, so buffers of similar tensors are shared', () => {
    expect(sizeClass(4 * 1000)).toBe(sizeClass(4 * 1010));
    expect(sizeClass(4 * 200_000)).toBe(sizeClass(4 * 201_000));
  });
});

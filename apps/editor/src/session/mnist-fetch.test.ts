import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { encodeIdx } from '@loom/data';
import { isGzip, mnistUrl } from './mnist-fetch.js';

describe('isGzip', () => {
  it('tells gzipped bytes from an IDX file the browser already unzipped', () => {
    const idx = encodeIdx([2], new Uint8Array([3, 4]));
    expect(isGzip(idx)).toBe(false);
    expect(isGzip(gzipSync(idx))).toBe(true);
  });
});

describe('mnistUrl', () => {
  it('puts the file under the app base, with .gz', () => {
    expect(mnistUrl('t10k-labels-idx1-ubyte', '/loom/', 'http://localhost:5173')).toBe(
      'http://localhost:5173/loom/mnist/t10k-labels-idx1-ubyte.gz',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { loomLabel } from './loom-label.js';

describe('loomLabel', () => {
  it('names the same host alike in the kernel suites and the workers benchmark', () => {
    expect(loomLabel('Loom pool, 2 workers (compiled step)')).toBe(loomLabel('Loom pool, 2 workers (split by rows)'));
    expect(loomLabel('Loom pool, 1 worker')).toBe('Loom CPU pool, 1 worker');
  });

  it('tells a helper thread apart from a single thread', () => {
    expect(loomLabel('Loom in-process + 1 helper thread (2 cores)')).toBe('Loom CPU in-process + 1 helper thread');
    expect(loomLabel('Loom in-process, 1 thread (CpuBackend, compiled step)')).toBe('Loom CPU in-process (1 thread)');
  });

  it('leaves peer names alone', () => {
    expect(loomLabel('tfjs wasm (XNNPACK, 1 thread in Node)')).toBe('tfjs wasm (XNNPACK, 1 thread in Node)');
  });
});

import { describe, expect, it } from 'vitest';
import { ratioCell } from './ratio.js';
import type { Benchmark } from './report-types.js';

const benchmark = (higherIsBetter: boolean, figures: Benchmark['figures']): Benchmark => ({
  id: 'b',
  title: 'b',
  unit: 'u',
  higherIsBetter,
  figures,
});

describe('ratioCell', () => {
  it('divides Loom throughput by the peer throughput of the same case', () => {
    const b = benchmark(true, [
      { case: 'N = 1', engine: 'Loom', value: 30 },
      { case: 'N = 1', engine: 'jax-js wasm', peer: 'jax-js', value: 20 },
      { case: 'N = 2', engine: 'jax-js wasm', peer: 'jax-js', value: 1 },
    ]);
    expect(ratioCell(b, b.figures[0], 'jax-js')).toBe('1.50×');
  });

  it('inverts time ratios so that above 1 still means Loom is faster', () => {
    const b = benchmark(false, [
      { case: 'c', engine: 'Loom', value: 20 },
      { case: 'c', engine: 'tfjs cpu', peer: 'tfjs cpu', value: 60 },
    ]);
    expect(ratioCell(b, b.figures[0], 'tfjs cpu')).toBe('3.00×');
  });

  it('keeps three decimals for ratios far below 1', () => {
    const b = benchmark(true, [
      { case: 'c', engine: 'Loom WebGPU', value: 0.5 },
      { case: 'c', engine: 'tfjs wasm', peer: 'tfjs wasm', value: 20 },
    ]);
    expect(ratioCell(b, b.figures[0], 'tfjs wasm')).toBe('0.025×');
  });

  it('says n/a when the peer has a reason instead of a figure', () => {
    const b = benchmark(true, [
      { case: 'CNN', engine: 'Loom', value: 400 },
      { case: 'CNN', engine: 'tfjs wasm', peer: 'tfjs wasm', reason: 'no Conv2DBackpropFilter' },
    ]);
    expect(ratioCell(b, b.figures[0], 'tfjs wasm')).toBe('n/a');
  });

  it('shows a dash when the peer did not run that case', () => {
    const b = benchmark(true, [{ case: 'c', engine: 'Loom', value: 1 }]);
    expect(ratioCell(b, b.figures[0], 'tfjs cpu')).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { kernelFigures } from './kernel-figures.js';

describe('kernelFigures', () => {
  it('carries a training engine that cannot train a model as a peer row with its reason', () => {
    const { training } = kernelFigures({
      training: [
        { engine: 'Loom pool, 2 workers (compiled step)', model: 'cnn', samplesPerSecond: 400 },
        { engine: 'tfjs wasm (XNNPACK, 1 thread in Node)', model: 'cnn', reason: 'no Conv2DBackpropFilter kernel' },
      ],
    });
    expect(training).toEqual([
      { case: 'CNN (MNIST textbook)', engine: 'Loom CPU pool, 2 workers', peer: undefined, basis: 'wall', value: 400 },
      {
        case: 'CNN (MNIST textbook)',
        engine: 'tfjs wasm (XNNPACK, 1 thread in Node)',
        peer: 'tfjs wasm',
        basis: 'wall',
        reason: 'no Conv2DBackpropFilter kernel',
      },
    ]);
  });

  it('names Loom kernel rows by where they ran and peers by library', () => {
    const timing = { medianMs: 1, cpuMs: 1, bestCpuMs: 1, runs: 1, wallGflops: 1, maxError: 0 };
    const { matmul } = kernelFigures({
      matmul: [
        { engine: 'Loom WASM SIMD', n: 1024, gflops: 30, ...timing },
        { engine: 'jax-js wasm', n: 128, gflops: 10, ...timing },
      ],
    });
    expect(matmul?.map((f) => [f.case, f.engine, f.peer])).toEqual([
      ['N = 1024', 'Loom CPU in-process (1 thread, WASM SIMD)', undefined],
      ['N = 128', 'jax-js wasm', 'jax-js'],
    ]);
  });

  it('takes the FMA child matmul rows only from the matmul suite, so a conv-only run adds none', () => {
    const timing = { medianMs: 1, cpuMs: 1, bestCpuMs: 1, runs: 1, wallGflops: 1, maxError: 0 };
    const fmaMatmul = { engine: 'Loom WASM FMA', n: 128, gflops: 40, ...timing };
    const convOnly = kernelFigures({ matmul: [], conv: [], fma: { available: true, matmul: [fmaMatmul], conv: [] } });
    expect(convOnly.matmul).toEqual([]);
    const matmulRun = kernelFigures({ matmul: [{ ...fmaMatmul, engine: 'Loom WASM SIMD' }], fma: { available: true, matmul: [fmaMatmul], conv: [] } });
    expect(matmulRun.matmul?.map((f) => f.engine)).toEqual(['Loom CPU in-process (1 thread, WASM SIMD)', 'Loom CPU in-process (1 thread, relaxed-SIMD FMA)']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ConvResult } from './conv-suite.js';
import { convTable, matmulTables, reduceTable } from './kernel-report.js';
import type { MatmulResult } from './matmul-suite.js';
import type { ReduceResult } from './reduce-suite.js';

function matmul(engine: string, n: number, gflops: number, maxError = 1e-7): MatmulResult {
  return {
    engine,
    n,
    gflops,
    wallGflops: gflops,
    medianMs: 1,
    cpuMs: 1,
    bestCpuMs: 1,
    runs: 3,
    maxError,
  };
}

describe('matmulTables', () => {
  const results = [
    matmul('Loom WASM SIMD', 128, 30),
    matmul('tfjs wasm', 128, 15),
    matmul('jax-js wasm', 128, 10, 0.5),
  ];

  it('divides each Loom variant by each peer and flags a wrong result', () => {
    const fma = { available: true as const, matmul: [matmul('Loom WASM FMA', 128, 45)], conv: [] };
    const text = matmulTables(results, fma);
    expect(text).toContain('| N | Loom WASM SIMD | Loom WASM FMA | tfjs wasm | jax-js wasm |');
    expect(text).toContain('| 128 | 30.0 | 45.0 | 15.0 | 10.0 ✗ |');
    expect(text).toMatch(/\| 128 \| — \| 2\.00× \| 3\.00× \| — \| 3\.00× \| 4\.50× \|/);
  });

  it('says why the FMA variant is missing', () => {
    const text = matmulTables(results, { available: false, reason: 'no flag' });
    expect(text).toContain('Loom WASM FMA not measured: no flag.');
  });
});

describe('convTable', () => {
  it('marks passes an engine cannot run and compares the rest with tfjs wasm', () => {
    const timed = (engine: string, cpuMs: number, gflops: number): ConvResult => ({
      engine,
      problem: 'p',
      pass: 'forward',
      medianMs: cpuMs,
      cpuMs,
      bestCpuMs: cpuMs,
      runs: 3,
      gflops,
      wallGflops: gflops,
      maxError: 0,
    });
    const results: ConvResult[] = [
      timed('Loom WASM SIMD', 10, 30),
      timed('tfjs wasm', 15, 20),
      { engine: 'tfjs wasm', problem: 'p', pass: 'training', unsupported: 'no kernel' },
    ];
    const text = convTable(results, { available: false, reason: 'x' });
    expect(text).toContain('| p | Loom WASM SIMD | forward | 10.00 | 30.0 | 1.50× | 1.50× |');
    expect(text).toContain('| p | tfjs wasm | fwd + dx + dw | unsupported | — | — | — |');
    expect(text).toContain('tfjs wasm: no kernel.');
  });

  it('lists the backward passes on their own, each against tfjs wasm forward', () => {
    const pass = (which: ConvResult['pass'], gflops: number): ConvResult => ({
      engine: which === 'forward' ? 'tfjs wasm' : 'Loom WASM FMA',
      problem: 'p',
      pass: which,
      medianMs: 1,
      cpuMs: 1,
      bestCpuMs: 1,
      runs: 3,
      gflops,
      wallGflops: gflops,
      maxError: 0,
    });
    const text = convTable([pass('forward', 20), pass('inputGrad', 40), pass('filterGrad', 30)], {
      available: false,
      reason: 'x',
    });
    expect(text).toContain('| p | Loom WASM FMA | dx | 1.00 | 40.0 | — | 2.00× |');
    expect(text).toContain('| p | Loom WASM FMA | dw | 1.00 | 30.0 | — | 1.50× |');
  });
});

describe('reduceTable', () => {
  it('gives each engine a column and Loom a ratio against every other engine', () => {
    const row = (engine: string, gelems: number): ReduceResult => ({
      engine,
      problem: 'sum',
      medianMs: 1,
      cpuMs: 1,
      bestCpuMs: 1,
      runs: 3,
      gelems,
      maxError: 0,
    });
    const text = reduceTable([row('Loom WASM SIMD', 2), row('tfjs wasm', 0.5)]);
    expect(text).toContain('| problem | Loom WASM SIMD | tfjs wasm | SIMD ÷ tfjs wasm |');
    expect(text).toContain('| sum | 2.00 | 0.50 | 4.00× |');
  });
});

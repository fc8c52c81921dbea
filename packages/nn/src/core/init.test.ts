import { beforeAll, describe, expect, it } from 'vitest';
import { manualSeed } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { calculateGain, fans, kaimingNormal, kaimingUniform, xavierNormal, xavierUniform } from './init.js';
import { Linear } from '../layers/linear.js';

beforeAll(useCpu);

async function stats(typed: Float32Array | Int32Array | Uint8Array): Promise<{ min: number; max: number; std: number }> {
  const values = Array.from(typed);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { min: Math.min(...values), max: Math.max(...values), std };
}

describe('initialisers', () => {
  it('compute fan-in and fan-out as PyTorch does (kernel area included)', () => {
    expect(fans([128, 784])).toEqual({ fanIn: 784, fanOut: 128 });
    expect(fans([32, 16, 3, 3])).toEqual({ fanIn: 144, fanOut: 288 });
    expect(calculateGain('relu')).toBeCloseTo(Math.SQRT2);
  });

  it('kaimingUniform stays within gain·√(3/fanIn) and fills that range', async () => {
    const { min, max } = await stats(await kaimingUniform([200, 100], { nonlinearity: 'relu', seed: 1 }).data());
    const bound = Math.SQRT2 * Math.sqrt(3 / 100);
    expect(max).toBeLessThanOrEqual(bound);
    expect(min).toBeGreaterThanOrEqual(-bound);
    expect(max).toBeGreaterThan(bound * 0.98);
  });

  it('kaimingNormal, xavierUniform and xavierNormal have the standard deviations their formulas give', async () => {
    expect((await stats(await kaimingNormal([300, 200], { nonlinearity: 'relu', seed: 2 }).data())).std).toBeCloseTo(Math.sqrt(2 / 200), 2);
    expect((await stats(await xavierUniform([300, 200], { seed: 3 }).data())).std).toBeCloseTo(Math.sqrt(2 / 500), 2);
    expect((await stats(await xavierNormal([300, 200], { seed: 4 }).data())).std).toBeCloseTo(Math.sqrt(2 / 500), 2);
  });

  it('give the same weights for the same seed, and manualSeed makes unseeded layers reproducible', async () => {
    expect(await xavierUniform([3, 3], { seed: 9 }).data()).toEqual(await xavierUniform([3, 3], { seed: 9 }).data());
    manualSeed(42);
    const first = await new Linear(4, 4).weight.data();
    manualSeed(42);
    expect(await new Linear(4, 4).weight.data()).toEqual(first);
    expect(await new Linear(4, 4).weight.data()).not.toEqual(first);
  });
});

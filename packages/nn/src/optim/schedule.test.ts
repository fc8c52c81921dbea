import { beforeAll, describe, expect, it } from 'vitest';
import { arange, type Tensor } from '@loom/graph';
import { useCpu } from '../testing/use-cpu.js';
import { constantSchedule, cosineDecay, linearWarmup, stepDecay, type Schedule } from './schedule.js';

beforeAll(useCpu);

/** A schedule's learning rates for steps 0..n−1, evaluated all at once. */
async function rates(schedule: Schedule, n: number): Promise<number[]> {
  const steps: Tensor = arange(n).cast('float32');
  return Array.from(await schedule(steps).data());
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
}

describe('learning-rate schedules', () => {
  it('constantSchedule holds its value', async () => {
    expectClose(await rates(constantSchedule(0.3), 3), [0.3, 0.3, 0.3]);
  });

  it('stepDecay multiplies by gamma every stepSize steps', async () => {
    expectClose(await rates(stepDecay(1, { stepSize: 2, gamma: 0.1 }), 6), [1, 1, 0.1, 0.1, 0.01, 0.01]);
  });

  it('cosineDecay follows half a cosine to its final value and stays there', async () => {
    const expected = [0, 1, 2, 3, 4, 5, 6].map((s) => 0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * Math.min(s, 4)) / 4)));
    expectClose(await rates(cosineDecay(1, { decaySteps: 4, final: 0.1 }), 7), expected);
  });

  it('linearWarmup ramps up to the peak, then hands over to the next schedule', async () => {
    expectClose(await rates(linearWarmup(1, 4), 6), [0.25, 0.5, 0.75, 1, 1, 1]);
    expectClose(await rates(linearWarmup(1, 2, stepDecay(1, { stepSize: 1, gamma: 0.5 })), 5), [0.5, 1, 1, 0.5, 0.25]);
  });
});

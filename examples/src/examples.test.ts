import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from './examples.js';
import { useBackend } from './setup/use-backend.js';

beforeAll(useBackend);

/** Settings that make each example finish in a second or two: the scripts must keep running, not reach their full figures. */
const tiny: Record<string, Record<string, number>> = {
  'linear-regression': {},
  'mlp-mnist': { epochs: 1, trainSize: 256, testSize: 128 },
  'cnn-mnist': { epochs: 1, trainSize: 64, testSize: 64, channels1: 2, channels2: 4 },
  'char-lstm': { epochs: 1, sequenceLength: 8, stride: 64, hidden: 8, generate: 5 },
  'char-transformer': { epochs: 1, sequenceLength: 8, stride: 64, dModel: 8, heads: 2, layers: 1, generate: 5 },
  'reverse-digits': { epochs: 1, samples: 128, testSamples: 64, dModel: 8, heads: 2, layers: 1 },
};

describe('examples', () => {
  it('has a tiny setting for every example', () => {
    expect(Object.keys(tiny).sort()).toEqual(Object.keys(examples).sort());
  });

  for (const [name, options] of Object.entries(tiny))
    it(`${name} runs end to end and reports finite metrics`, async () => {
      const example = examples[name];
      const lines: string[] = [];
      const metrics = await example.run({ ...example.defaults, ...options }, (line) => lines.push(line));
      expect(Object.keys(metrics).length).toBeGreaterThan(0);
      for (const value of Object.values(metrics)) expect(Number.isFinite(value)).toBe(true);
      expect(lines.some((line) => line.startsWith('epoch 1/'))).toBe(true);
    });

  it('linear regression recovers the true weights and bias within 1e-2', async () => {
    const { weightError, biasError } = await examples['linear-regression'].run(examples['linear-regression'].defaults, () => {});
    expect(weightError).toBeLessThan(1e-2);
    expect(biasError).toBeLessThan(1e-2);
  });
});

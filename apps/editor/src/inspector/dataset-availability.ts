/**
 * What the browser editor can actually load for a dataset node. The editor ships a subset of MNIST
 * (mnist-assets-plugin.ts), so @loom/model's "0 means all 60,000" does not hold here.
 */
import type { ParamValue } from '../model.js';

/** Digits served at /mnist/*.gz; kept equal to `mnistSubset` in mnist-assets-plugin.ts (tested). */
export const browserMnist = { train: 20_000, test: 10_000 } as const;

export interface DatasetAvailability {
  note: string;
  warning?: string;
}

const count = (n: number) => n.toLocaleString('en');

/** A note for a dataset node's params, or undefined for datasets made in the browser. */
export function datasetAvailability(
  params: Readonly<Record<string, ParamValue>>,
): DatasetAvailability | undefined {
  if (params.name !== 'mnist') return undefined;
  const note = `MNIST: ${count(browserMnist.train)} training and ${count(browserMnist.test)} test digits in the browser; 0 uses them all.`;
  const train = typeof params.trainSize === 'number' ? params.trainSize : 0;
  const test = typeof params.testSize === 'number' ? params.testSize : 0;
  const warnings = [
    train > browserMnist.train &&
      `Train size ${count(train)} is more than the ${count(browserMnist.train)} training digits available: ${count(browserMnist.train)} will be used.`,
    test > browserMnist.test &&
      `Test size ${count(test)} is more than the ${count(browserMnist.test)} test digits available.`,
  ].filter((w): w is string => typeof w === 'string');
  return warnings.length ? { note, warning: warnings.join(' ') } : { note };
}

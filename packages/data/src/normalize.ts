import { createDataset, infoOf, type Dataset } from './dataset.js';

export interface Normalization {
  mean: number;
  std: number;
}

/** The mean and standard deviation of every input value of a float dataset. */
export function inputStatistics(dataset: Dataset): Normalization {
  const values = dataset.inputs;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

/**
 * (x − mean) / std for every input value. Pass the training set's statistics when normalising a
 * test set, so both see the same transform.
 */
export function normalizeInputs(dataset: Dataset, { mean, std }: Normalization = inputStatistics(dataset)): Dataset {
  if (!(dataset.inputs instanceof Float32Array)) throw new Error(`normalizeInputs: ${dataset.name} has integer inputs (token ids?)`);
  if (!(std > 0)) throw new Error(`normalizeInputs: std must be positive, got ${std}`);
  const out = new Float32Array(dataset.inputs.length);
  for (let i = 0; i < out.length; i++) out[i] = (dataset.inputs[i] - mean) / std;
  return createDataset(infoOf(dataset), out, dataset.targets);
}

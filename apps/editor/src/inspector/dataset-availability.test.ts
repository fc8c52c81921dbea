import { describe, expect, it } from 'vitest';
import { mnistSubset } from '../../mnist-assets-plugin.js';
import { browserMnist, datasetAvailability } from './dataset-availability.js';

describe('datasetAvailability', () => {
  it('matches what the MNIST assets plugin ships', () => {
    expect(browserMnist).toEqual(mnistSubset);
  });

  it('says how many digits the browser has', () => {
    expect(datasetAvailability({ name: 'mnist', trainSize: 0 })?.note).toMatch(/20,000 training/);
    expect(datasetAvailability({ name: 'mnist', trainSize: 0 })?.warning).toBeUndefined();
    expect(datasetAvailability({ name: 'spirals' })).toBeUndefined();
  });

  it('warns when the train size asks for more than is available', () => {
    expect(datasetAvailability({ name: 'mnist', trainSize: 50_000 })?.warning).toMatch(
      /50,000 .* 20,000/,
    );
    expect(datasetAvailability({ name: 'mnist', trainSize: 20_000 })?.warning).toBeUndefined();
  });
});

import { splitDataset, type Dataset } from '@loom/data';
import { resolveParams } from '../analysis/resolve-params.js';
import type { ModelDocument } from '../document/model-document.js';
import { nodeTypes } from '../node-types/registry.js';
import { datasetCatalog, datasetParamsOf } from './dataset-catalog.js';
import type { DatasetProvider } from './dataset-provider.js';

/**
 * Loads or makes the data a document's dataset node names. In-package sets are generated from the
 * node's params; MNIST comes from `provider.mnist`. With `training.validationSplit` a generated set
 * is split into train and test; MNIST keeps its own test set.
 *
 * @example const data = await resolveDataset(doc, { mnist: loadMnist }); fitDocument(doc, { data });
 */
export async function resolveDataset(doc: ModelDocument, provider: DatasetProvider = {}): Promise<{ train: Dataset; test?: Dataset }> {
  const node = doc.nodes.find((n) => n.type === 'dataset');
  if (!node) throw new Error(`resolveDataset: "${doc.name}" has no dataset node`);
  const resolved = resolveParams(nodeTypes.get('dataset')!, node);
  if (!resolved.valid) throw new Error(`resolveDataset: ${resolved.diagnostics.map((d) => d.message).join('; ')}`);
  const params = datasetParamsOf(resolved.params);
  const entry = datasetCatalog[params.name];
  if (!entry.make) {
    if (!provider.mnist) throw new Error(`resolveDataset: ${params.name} must come from the environment; pass a DatasetProvider with mnist()`);
    return provider.mnist({
      normalization: params.normalization,
      ...(params.trainSize ? { trainSize: params.trainSize } : {}),
      ...(params.testSize ? { testSize: params.testSize } : {}),
    });
  }
  const data = entry.make(params);
  const split = doc.training?.validationSplit;
  if (!split) return { train: data };
  return splitDataset(data, { testFraction: split, seed: params.seed });
}

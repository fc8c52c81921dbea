import { aliceText, CharVocabulary, mnistFromIdx, take, type Dataset } from '@loom/data';
import { resolveDataset } from '@loom/model';
import type { ModelDocument } from '../model.js';
import { findNode } from './document-graph.js';
import { fetchMnist } from './mnist-fetch.js';

/** The data a session trains and tests on, and what kind of inference it allows. */
export interface SessionData {
  train: Dataset;
  test: Dataset;
  /** 'image': draw a digit; 'text': sample characters; 'other': neither. */
  kind: 'image' | 'text' | 'other';
  vocabulary?: CharVocabulary;
}

/** The dataset the document's dataset node names (its `name` param; @loom/model's default is MNIST). */
export function datasetName(document: ModelDocument): string {
  const name = findNode(document, 'dataset')?.params.name;
  return typeof name === 'string' ? name : 'mnist';
}

const cache = new Map<string, Promise<SessionData>>();

/**
 * Resolves the document's dataset in the worker with @loom/model's resolveDataset: MNIST from the
 * files served with the editor (fetched once), the other sets generated in-package. Without a
 * held-out split the first 1,000 training examples stand in for the test set. Cached per dataset node.
 */
export function resolveSessionData(document: ModelDocument): Promise<SessionData> {
  const key = JSON.stringify([
    findNode(document, 'dataset')?.params ?? null,
    document.training?.validationSplit ?? null,
  ]);
  let data = cache.get(key);
  if (!data) {
    data = load(document);
    cache.set(key, data);
    data.catch(() => cache.delete(key));
  }
  return data;
}

/** The document's data, or undefined when it has no dataset node (a model fed by code, or imported). */
export function resolveSessionDataIfAny(document: ModelDocument): Promise<SessionData | undefined> {
  return findNode(document, 'dataset') ? resolveSessionData(document) : Promise.resolve(undefined);
}

async function load(document: ModelDocument): Promise<SessionData> {
  const { train, test } = await resolveDataset(document, {
    mnist: async (options) => mnistFromIdx(await fetchMnist(), options),
  });
  const name = datasetName(document);
  const data: SessionData = {
    train,
    test: test ?? take(train, Math.min(1000, train.size)),
    kind: name === 'mnist' ? 'image' : name === 'alice-text' ? 'text' : 'other',
  };
  if (data.kind === 'text') data.vocabulary = CharVocabulary.fromText(aliceText);
  return data;
}

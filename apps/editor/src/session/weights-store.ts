import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { WeightsInfo } from './protocol.js';

/** One autosaved set of weights: a @loom/nn checkpoint for the document structure it was trained on. */
export interface SavedWeights {
  /** structureKey() of the document: weights are only offered to a document they fit. */
  structure: string;
  documentName: string;
  checkpoint: ArrayBuffer;
  info: WeightsInfo;
  savedAt: number;
}

interface WeightsSchema extends DBSchema {
  weights: { key: string; value: SavedWeights; indexes: { savedAt: number } };
}

/** The editor's weights live beside its documents, in their own database. */
export const weightsDatabase = 'loom-editor-weights';
/** Weights for this many document structures are kept; older ones are dropped. */
export const keptWeights = 12;

/** Saves and finds trained weights in IndexedDB, keyed by document structure. */
export class WeightsStore {
  readonly #db: Promise<IDBPDatabase<WeightsSchema>>;

  constructor(name = weightsDatabase) {
    this.#db = openDB<WeightsSchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('weights', { keyPath: 'structure' }).createIndex('savedAt', 'savedAt');
      },
    });
  }

  /** Replaces the weights saved for this structure, then drops the oldest beyond `keptWeights`. */
  async save(entry: SavedWeights): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction('weights', 'readwrite');
    await tx.store.put(entry);
    const keys = await tx.store.index('savedAt').getAllKeys();
    for (const key of keys.slice(0, Math.max(0, keys.length - keptWeights)))
      await tx.store.delete(key);
    await tx.done;
  }

  async load(structure: string): Promise<SavedWeights | undefined> {
    return (await this.#db).get('weights', structure);
  }

  async remove(structure: string): Promise<void> {
    await (await this.#db).delete('weights', structure);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}

/**
 * The editor's IndexedDB database (through idb). One place lists its object stores and how each
 * version creates them.
 *
 * To add a store (e.g. trained weights): add it to `LoomDbSchema`, append one function to
 * `upgrades` that creates it (its index + 1 is the new version), and write a small module beside
 * `autosave.ts` with typed get/put helpers over `openLoomDb()`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ModelDocument } from '../model.js';

export const loomDbName = 'loom-editor';

/** A document as the editor keeps it between visits. */
export interface StoredDocument {
  document: ModelDocument;
  /** Milliseconds since the epoch. */
  savedAt: number;
}

export interface LoomDbSchema extends DBSchema {
  /** Model documents by slot; the editor's working document is `currentDocumentKey`. */
  documents: { key: string; value: StoredDocument };
}

export type LoomDb = IDBPDatabase<LoomDbSchema>;

/** `upgrades[i]` moves the database from version i to i + 1. Append only. */
const upgrades: ((db: LoomDb) => void)[] = [
  (db) => {
    db.createObjectStore('documents');
  },
];

export const loomDbVersion = upgrades.length;

/** Opens (creating or upgrading as needed) the editor's database. */
export function openLoomDb(name = loomDbName): Promise<LoomDb> {
  return openDB<LoomDbSchema>(name, loomDbVersion, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < upgrades.length; v++) upgrades[v](db);
    },
  });
}

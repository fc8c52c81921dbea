import { currentDocumentVersion } from './model-document.js';

/** Lifts a document of version `from` to version `from + 1`. */
export type DocumentMigration = (raw: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they start from. Empty while version 1 is the only version: adding
 * version 2 means bumping `currentDocumentVersion` and adding `1: (doc) => …` here.
 */
export const documentMigrations: Readonly<Record<number, DocumentMigration>> = {};

/**
 * Lifts an older document to the current version by applying migrations one version at a time.
 * Anything that is not an object with a numeric version below the current one is returned unchanged
 * (the schema then reports what is wrong with it).
 *
 * @example migrateDocument(JSON.parse(text)) // then parseDocument(...)
 */
export function migrateDocument(
  raw: unknown,
  migrations: Readonly<Record<number, DocumentMigration>> = documentMigrations,
  target: number = currentDocumentVersion,
): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let doc = raw as Record<string, unknown>;
  while (typeof doc.version === 'number' && doc.version < target) {
    const migrate = migrations[doc.version];
    if (!migrate) return doc;
    const from: number = doc.version;
    doc = migrate(doc);
    if (doc.version === from) throw new Error(`migrateDocument: the migration from version ${from} did not change the version`);
  }
  return doc;
}

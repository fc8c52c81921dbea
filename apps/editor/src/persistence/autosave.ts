/**
 * Nothing lost: the working document is written to IndexedDB shortly after every change and read
 * back on start-up.
 */
import type { ModelDocument } from '../model.js';
import type { LoomDb } from './loom-db.js';
import { readDocumentValue } from './read-document.js';

export const currentDocumentKey = 'current';

export async function saveDocument(
  db: LoomDb,
  doc: ModelDocument,
  key = currentDocumentKey,
): Promise<void> {
  await db.put('documents', { document: doc, savedAt: Date.now() }, key);
}

/** The saved document, or null when there is none or it no longer parses (a stale format). */
export async function loadDocument(
  db: LoomDb,
  key = currentDocumentKey,
): Promise<ModelDocument | null> {
  const stored = await db.get('documents', key);
  if (!stored) return null;
  const read = readDocumentValue(stored.document, 'The autosaved model');
  return read.ok ? read.document : null;
}

export interface Autosaver {
  /** Schedules a save of `doc`; a newer schedule replaces an older one. */
  schedule(doc: ModelDocument): void;
  /** Saves the pending document now (on page hide, and in tests). */
  flush(): Promise<void>;
}

/**
 * Debounces saves: many edits in a burst cost one write, and a burst that never pauses (a long
 * drag) is still written at least every `maxWaitMs`.
 */
export function createAutosaver(
  save: (doc: ModelDocument) => Promise<void>,
  delayMs = 400,
  maxWaitMs = 2000,
): Autosaver {
  let pending: ModelDocument | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingSince = 0;
  let writing: Promise<void> = Promise.resolve();

  async function flush() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const doc = pending;
    pending = null;
    if (doc) writing = writing.then(() => save(doc));
    await writing;
  }

  return {
    schedule(doc) {
      if (pending === null) pendingSince = Date.now();
      pending = doc;
      if (timer !== null) clearTimeout(timer);
      const waited = Date.now() - pendingSince;
      timer = setTimeout(() => void flush(), Math.max(0, Math.min(delayMs, maxWaitMs - waited)));
    },
    flush,
  };
}

import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { emptyDocument, addNode } from '../store/document-ops.js';
import { createAutosaver, loadDocument, saveDocument } from './autosave.js';
import { openLoomDb } from './loom-db.js';
import { readDocumentFile } from './document-file.js';

let dbCount = 0;
const freshDb = () => openLoomDb(`test-${++dbCount}`);

describe('autosave', () => {
  it('reads back the document it saved', async () => {
    const db = await freshDb();
    const doc = addNode(emptyDocument('saved'), 'ReLU', {}, { x: 3, y: 4 }).document;
    await saveDocument(db, doc);
    expect(await loadDocument(db)).toEqual(doc);
  });

  it('finds nothing in a new database', async () => {
    expect(await loadDocument(await freshDb())).toBeNull();
  });

  it('ignores a stored value that is not a model document', async () => {
    const db = await freshDb();
    await db.put('documents', { document: { nope: true } as never, savedAt: 0 }, 'current');
    expect(await loadDocument(db)).toBeNull();
  });

  it('writes only the last of a burst of scheduled documents', async () => {
    const save = vi.fn(async () => {});
    const saver = createAutosaver(save, 10_000);
    saver.schedule(emptyDocument('a'));
    saver.schedule(emptyDocument('b'));
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0]).toEqual([emptyDocument('b')]);
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(1);
  });
});

describe('autosave under a burst that never pauses', () => {
  it('still writes once the longest wait has passed', async () => {
    vi.useFakeTimers();
    try {
      const save = vi.fn(async () => {});
      const saver = createAutosaver(save, 400, 2000);
      for (let t = 0; t < 2100; t += 100) {
        saver.schedule(emptyDocument(`edit ${t}`));
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(save).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('document files', () => {
  it('reads a saved document back', async () => {
    const doc = emptyDocument('file');
    const result = await readDocumentFile(new File([JSON.stringify(doc)], 'm.json'));
    expect(result).toEqual({ ok: true, document: doc });
  });

  it('names the file and the problem when the file is not JSON', async () => {
    const result = await readDocumentFile(new File(['{ nodes: ['], 'broken.json'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/"broken.json" is not JSON/);
  });

  it('rejects JSON that is not a model', async () => {
    const result = await readDocumentFile(new File(['{"hello": 1}'], 'other.json'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/not a valid Loom model/);
  });
});

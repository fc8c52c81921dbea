import { useEffect, useState } from 'react';
import { useEditorStore, useNotices } from '../editor-context.js';
import { createAutosaver, loadDocument, saveDocument } from './autosave.js';
import { openLoomDb } from './loom-db.js';
import { decodeShareHash } from './share-link.js';

/**
 * Start-up and autosave: the autosaved document is restored, then a model in the URL hash (if any)
 * is opened on top of it as an undoable step; afterwards every change is saved to IndexedDB.
 * Returns true once the start-up document is in place.
 */
export function useDocumentPersistence(): boolean {
  const store = useEditorStore();
  const notices = useNotices();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    let flush = () => {};

    /** Opens a model carried by the URL hash as an undoable step, so the previous work is one undo away. */
    function loadFromHash(): boolean {
      const shared = decodeShareHash(location.hash);
      if (!shared) return false;
      // The hash has done its job; a reload should show the autosave, not the link again.
      history.replaceState(null, '', location.pathname + location.search);
      if (!shared.ok) {
        notices.show(
          'error',
          `${shared.error.replace(/\.?$/, '.')} The current model is unchanged.`,
        );
        return false;
      }
      store.load(shared.document);
      notices.show(
        'info',
        `Opened “${shared.document.name}” from the link (undo brings back your previous model).`,
      );
      return true;
    }

    const onHashChange = () => void loadFromHash();

    (async () => {
      const db = await openLoomDb().catch((error: unknown) => {
        notices.show('error', `Autosave is off: IndexedDB is not available (${String(error)}).`);
        return null;
      });
      if (cancelled) return;
      if (db) {
        const saved = await loadDocument(db).catch(() => null);
        if (cancelled) return;
        if (saved) store.restore(saved);
      }
      loadFromHash();
      if (db) {
        const saver = createAutosaver((doc) => saveDocument(db, doc));
        let last = store.document;
        saver.schedule(last);
        unsubscribe = store.subscribe(() => {
          if (store.document !== last) {
            last = store.document;
            saver.schedule(last);
          }
        });
        flush = () => void saver.flush();
        window.addEventListener('pagehide', flush);
      }
      window.addEventListener('hashchange', onHashChange);
      setReady(true);
    })();

    return () => {
      cancelled = true;
      unsubscribe();
      flush();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [store, notices]);

  return ready;
}

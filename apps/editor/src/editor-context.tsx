/**
 * How React components reach the editor: the store (document, selection, history), the analysis
 * of the current document, and the notices shown to the user. The training half of the editor uses
 * `useEditorDocument()` to read the model it trains.
 */
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { ModelAnalysis, ModelDocument, PortRef } from './model.js';
import { checkConnection, type ConnectVerdict } from './analysis/check-connection.js';
import type { EditorState, EditorStore } from './store/editor-store.js';
import { createAnalysisTracker, type AnalysisSnapshot } from './analysis/analysis-tracker.js';
import type { NoticeApi } from './notices/notice-store.js';

interface EditorContextValue {
  store: EditorStore;
  notices: NoticeApi;
  tracker: ReturnType<typeof createAnalysisTracker>;
}

const EditorContext = createContext<EditorContextValue | null>(null);

export function EditorProvider({
  store,
  notices,
  children,
}: {
  store: EditorStore;
  notices: NoticeApi;
  children: ReactNode;
}) {
  const value = useMemo(
    () => ({ store, notices, tracker: createAnalysisTracker(store.document) }),
    [store, notices],
  );
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('Editor hooks must be used inside <EditorProvider>');
  return value;
}

export function useEditorStore(): EditorStore {
  return useEditorContext().store;
}

export function useNotices(): NoticeApi {
  return useEditorContext().notices;
}

export function useEditorState(): EditorState {
  const { store } = useEditorContext();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** The document being edited (re-renders on every change, including moves). */
export function useEditorDocument(): ModelDocument {
  return useEditorState().history.present;
}

/** Shapes and diagnostics of the current document, from @loom/model's incremental analysis. */
export function useAnalysis(): AnalysisSnapshot {
  const { tracker } = useEditorContext();
  const doc = useEditorDocument();
  return useMemo(() => tracker.update(doc), [tracker, doc]);
}

/** The live ModelAnalysis of a document (e.g. for its cache keys), reusing the incremental one. */
export function useAnalysisOf(): (doc: ModelDocument) => ModelAnalysis {
  const { tracker } = useEditorContext();
  return tracker.analysisOf;
}

/** checkConnection (canConnect, allowing re-wiring) on the current document, reusing the live analysis. */
export function useCanConnect(): (from: PortRef, to: PortRef) => ConnectVerdict {
  const { tracker, store } = useEditorContext();
  return useCallback(
    (from, to) => checkConnection(store.document, from, to, tracker.analysisOf(store.document)),
    [tracker, store],
  );
}

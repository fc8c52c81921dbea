/**
 * The editor's state outside React: the document with its undo history, the selection and the
 * clipboard. Framework-free (subscribe/getState, usable with React's useSyncExternalStore) and
 * built from the pure functions beside it, so it is tested in Node.
 */
import type { ModelDocument, ParamValue, PortRef, TrainingSettings } from '../model.js';
import { copySelection, pasteClipboard, type ClipboardPayload } from './clipboard.js';
import * as ops from './document-ops.js';
import {
  canRedo,
  canUndo,
  commit,
  createHistory,
  redo,
  reset,
  seal,
  undo,
  type History,
} from './history.js';

export interface Selection {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export interface EditorState {
  readonly history: History<ModelDocument>;
  readonly selection: Selection;
  readonly clipboard: ClipboardPayload | null;
}

export const emptySelection: Selection = { nodes: [], edges: [] };

/** How far a paste lands from what was copied. */
export const pasteOffset: ops.XY = { x: 40, y: 40 };

export type EditorStore = ReturnType<typeof createEditorStore>;

export function createEditorStore(initial: ModelDocument = ops.emptyDocument()) {
  let state: EditorState = {
    history: createHistory(initial),
    selection: emptySelection,
    clipboard: null,
  };
  const listeners = new Set<() => void>();
  let pastes = 0;

  function set(next: EditorState) {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  }

  /** Keeps only selected ids that still exist. */
  function pruneSelection(doc: ModelDocument, selection: Selection): Selection {
    const nodes = selection.nodes.filter((id) => doc.nodes.some((n) => n.id === id));
    const edges = selection.edges.filter((id) => doc.edges.some((e) => e.id === id));
    return nodes.length === selection.nodes.length && edges.length === selection.edges.length
      ? selection
      : { nodes, edges };
  }

  function change(next: ModelDocument, options: { group?: string; select?: Selection } = {}) {
    const history = commit(state.history, next, options);
    const selection = options.select ?? pruneSelection(history.present, state.selection);
    if (history === state.history && selection === state.selection) return;
    set({ ...state, history, selection });
  }

  const document = () => state.history.present;

  function deleteSelection() {
    const { nodes, edges } = state.selection;
    change(ops.removeElements(document(), nodes, edges), { select: emptySelection });
  }

  function copy(): ClipboardPayload | null {
    const payload = copySelection(document(), state.selection.nodes);
    if (payload) {
      pastes = 0;
      set({ ...state, clipboard: payload });
    }
    return payload;
  }

  function paste(payload: ClipboardPayload | null = state.clipboard): string[] {
    if (!payload) return [];
    pastes += 1;
    const offset = { x: pasteOffset.x * pastes, y: pasteOffset.y * pastes };
    const { document: next, nodeIds } = pasteClipboard(document(), payload, offset);
    const ids = new Set(nodeIds);
    const edges = next.edges
      .filter((e) => ids.has(e.from.node) && ids.has(e.to.node))
      .map((e) => e.id);
    change(next, { select: { nodes: nodeIds, edges } });
    return nodeIds;
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get document() {
      return document();
    },

    /** Applies any pure edit as one undo step (or folds it into `group`'s step). */
    update(edit: (doc: ModelDocument) => ModelDocument, options: { group?: string } = {}) {
      change(edit(document()), options);
    },
    /** Replaces the document as one undo step (open a file or a template); `group` lets a follow-up edit (its layout) join that step. */
    load(doc: ModelDocument, options: { group?: string } = {}) {
      pastes = 0;
      change(doc, { select: emptySelection, ...options });
    },
    /** Replaces the document and forgets the history (restoring an autosave on start-up). */
    restore(doc: ModelDocument) {
      pastes = 0;
      set({ ...state, history: reset(state.history, doc), selection: emptySelection });
    },
    addNode(type: string, params: Record<string, ParamValue>, position: ops.XY): string {
      const { document: next, nodeId } = ops.addNode(document(), type, params, position);
      change(next, { select: { nodes: [nodeId], edges: [] } });
      return nodeId;
    },
    connect(from: PortRef, to: PortRef): string {
      const { document: next, edgeId } = ops.connect(document(), from, to);
      change(next);
      return edgeId;
    },
    setParams(nodeId: string, params: Record<string, ParamValue>) {
      change(ops.setParams(document(), nodeId, params), {
        group: `params:${nodeId}:${Object.keys(params).join(',')}`,
      });
    },
    setLabel(nodeId: string, label: string) {
      change(ops.setLabel(document(), nodeId, label), { group: `label:${nodeId}` });
    },
    setTraining(training: Partial<TrainingSettings>) {
      change(ops.setTraining(document(), training), {
        group: `training:${Object.keys(training).join(',')}`,
      });
    },
    rename(name: string) {
      change(ops.renameDocument(document(), name), { group: 'rename' });
    },
    /** Moves nodes; every move of one drag gesture (same `gesture`) is one undo step. */
    moveNodes(positions: Record<string, ops.XY>, gesture = 'move') {
      change(ops.moveNodes(document(), positions), { group: `move:${gesture}` });
    },
    /** Ends the current gesture: the next edit starts a new undo step. */
    endGesture() {
      set({ ...state, history: seal(state.history) });
    },
    select(selection: Selection) {
      const same =
        selection.nodes.length === state.selection.nodes.length &&
        selection.edges.length === state.selection.edges.length &&
        selection.nodes.every((id, i) => state.selection.nodes[i] === id) &&
        selection.edges.every((id, i) => state.selection.edges[i] === id);
      if (!same) set({ ...state, selection: pruneSelection(document(), selection) });
    },
    selectAll() {
      set({
        ...state,
        selection: {
          nodes: document().nodes.map((n) => n.id),
          edges: document().edges.map((e) => e.id),
        },
      });
    },
    deleteSelection,
    copy,
    cut() {
      if (copy()) deleteSelection();
    },
    /** Pastes `payload` (default: the editor's clipboard); repeated pastes cascade. */
    paste,
    duplicate() {
      const payload = copySelection(document(), state.selection.nodes);
      if (payload) {
        pastes = 0;
        paste(payload);
      }
    },
    undo() {
      const history = undo(state.history);
      set({ ...state, history, selection: pruneSelection(history.present, state.selection) });
    },
    redo() {
      const history = redo(state.history);
      set({ ...state, history, selection: pruneSelection(history.present, state.selection) });
    },
    canUndo: () => canUndo(state.history),
    canRedo: () => canRedo(state.history),
  };
}

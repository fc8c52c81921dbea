/**
 * Undo/redo over immutable snapshots. A commit either starts a new undo step or, when it carries
 * the same `group` as the previous commit (one drag, one typed-in field), folds into that step,
 * so a whole gesture undoes at once. Pure functions: every call returns a new History.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The group of the last commit; a commit with the same group merges into its step. */
  readonly group: string | null;
}

export interface CommitOptions {
  /** Commits sharing a group, one after another, form one undo step. */
  group?: string;
}

/** How many undo steps are kept. */
export const historyLimit = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: null };
}

/** Records `next` as the new present. A commit that changes nothing is ignored. */
export function commit<T>(history: History<T>, next: T, options: CommitOptions = {}): History<T> {
  if (next === history.present) return history;
  const group = options.group ?? null;
  if (group !== null && group === history.group) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present].slice(-historyLimit);
  return { past, present: next, future: [], group };
}

/** Replaces the present without recording an undo step (e.g. a restored autosave). */
export function reset<T>(history: History<T>, present: T): History<T> {
  return { past: [], present, future: [], group: null };
}

/** Ends the current group, so the next commit starts a new undo step even with the same group. */
export function seal<T>(history: History<T>): History<T> {
  return history.group === null ? history : { ...history, group: null };
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  if (!canUndo(history)) return history;
  const previous = history.past[history.past.length - 1];
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    group: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  if (!canRedo(history)) return history;
  const [next, ...future] = history.future;
  return { past: [...history.past, history.present], present: next, future, group: null };
}

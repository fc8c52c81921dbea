import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  commit,
  createHistory,
  historyLimit,
  redo,
  seal,
  undo,
} from './history.js';

describe('history', () => {
  it('undoes and redoes commits one step at a time', () => {
    let h = createHistory(1);
    h = commit(h, 2);
    h = commit(h, 3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = undo(h);
    expect(h.present).toBe(1);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe(2);
    expect(canRedo(h)).toBe(true);
  });

  it('folds commits of the same group into one undo step', () => {
    let h = createHistory('a');
    h = commit(h, 'ab', { group: 'typing' });
    h = commit(h, 'abc', { group: 'typing' });
    h = commit(h, 'abcd', { group: 'typing' });
    expect(h.past).toEqual(['a']);
    expect(undo(h).present).toBe('a');
  });

  it('starts a new step after seal even within the same group', () => {
    let h = createHistory(0);
    h = commit(h, 1, { group: 'drag' });
    h = seal(h);
    h = commit(h, 2, { group: 'drag' });
    expect(undo(h).present).toBe(1);
  });

  it('drops the redo stack when a new commit follows an undo', () => {
    let h = commit(commit(createHistory(0), 1), 2);
    h = commit(undo(h), 5);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(1);
  });

  it('ignores a commit of the present value itself', () => {
    const h = commit(createHistory({ v: 1 }), { v: 2 });
    expect(commit(h, h.present)).toBe(h);
  });

  it('keeps at most historyLimit undo steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= historyLimit + 10; i++) h = commit(h, i);
    expect(h.past.length).toBe(historyLimit);
    expect(h.past[0]).toBe(10);
  });
});

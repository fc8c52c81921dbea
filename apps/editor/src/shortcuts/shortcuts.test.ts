import { describe, expect, it } from 'vitest';
import { chordOf, matchShortcut, shortcuts } from './shortcuts.js';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('treats Ctrl and ⌘ alike', () => {
    expect(matchShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(matchShortcut(key('z', { metaKey: true }))).toBe('undo');
  });

  it('tells redo from undo by Shift', () => {
    expect(matchShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(matchShortcut(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('opens help with ? whatever modifier the layout needs for it', () => {
    expect(matchShortcut(key('?', { shiftKey: true }))).toBe('help');
  });

  it('maps Space to adding a node and plain letters to their commands', () => {
    expect(chordOf(key(' '))).toBe('Space');
    expect(matchShortcut(key(' '))).toBe('addNode');
    expect(matchShortcut(key('l'))).toBe('layout');
    expect(matchShortcut(key('l', { ctrlKey: true }))).toBeNull();
  });

  it('binds no chord to two actions', () => {
    const chords = shortcuts.flatMap((s) => s.keys);
    expect(new Set(chords).size).toBe(chords.length);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createPreviewVisibility, previewVisibilityKey } from './preview-visibility.js';

function memory(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    values,
  };
}

describe('createPreviewVisibility', () => {
  it('shows previews unless the stored choice is off', () => {
    expect(createPreviewVisibility(memory()).shown).toBe(true);
    expect(createPreviewVisibility(memory({ [previewVisibilityKey]: 'off' })).shown).toBe(false);
    expect(createPreviewVisibility(undefined).shown).toBe(true);
  });

  it('remembers a change and tells subscribers', () => {
    const storage = memory();
    const visibility = createPreviewVisibility(storage);
    const heard = vi.fn();
    visibility.subscribe(heard);
    visibility.set(false);
    expect(visibility.shown).toBe(false);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(storage.values.get(previewVisibilityKey)).toBe('off');
    expect(createPreviewVisibility(storage).shown).toBe(false);
  });
});

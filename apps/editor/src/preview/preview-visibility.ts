import { useSyncExternalStore } from 'react';

export const previewVisibilityKey = 'loom-node-previews';

interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Whether node cards show their live preview; remembered in `storage` ('off' hides them). */
export function createPreviewVisibility(storage: KeyValue | undefined) {
  const read = () => {
    try {
      return storage?.getItem(previewVisibilityKey) !== 'off';
    } catch {
      return true;
    }
  };
  let shown = read();
  const listeners = new Set<() => void>();
  return {
    get shown(): boolean {
      return shown;
    },
    set(next: boolean): void {
      shown = next;
      try {
        storage?.setItem(previewVisibilityKey, next ? 'on' : 'off');
      } catch {
        // Private mode or a full quota: the choice lasts for this page only.
      }
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const previewVisibility = createPreviewVisibility(
  typeof localStorage === 'undefined' ? undefined : localStorage,
);

/** [shown, toggle]: whether node cards show previews, shared by the toolbar and every card. */
export function usePreviewsShown(): [boolean, () => void] {
  const shown = useSyncExternalStore(previewVisibility.subscribe, () => previewVisibility.shown);
  return [shown, () => previewVisibility.set(!previewVisibility.shown)];
}

/** Short messages to the user (a refused connection, a malformed file), shown as toasts. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface NoticeApi {
  show(kind: Notice['kind'], message: string): number;
  dismiss(id: number): void;
  list(): readonly Notice[];
  subscribe(listener: () => void): () => void;
}

/** How many notices stay on screen at once; older ones drop off. */
const maxNotices = 3;

export function createNoticeStore(): NoticeApi {
  let notices: readonly Notice[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  return {
    show(kind, message) {
      const id = nextId++;
      notices = [...notices.filter((n) => n.message !== message), { id, kind, message }].slice(
        -maxNotices,
      );
      emit();
      return id;
    },
    dismiss(id) {
      notices = notices.filter((n) => n.id !== id);
      emit();
    },
    list: () => notices,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

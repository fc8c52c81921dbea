import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useNotices } from '../editor-context.js';
import type { Notice } from '../notices/notice-store.js';
import './notice-list.css';

/** How long a notice stays before it fades out on its own. */
const noticeMs = { error: 8000, info: 3500 };

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  // One timer per notice, not restarted when other notices come and go.
  useEffect(() => {
    const timer = setTimeout(() => dismiss.current(), noticeMs[notice.kind]);
    return () => clearTimeout(timer);
  }, [notice.id, notice.kind]);
  return (
    <div
      className={`notice notice-${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid={`notice-${notice.kind}`}
    >
      <span>{notice.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** The toasts in the canvas' bottom-left corner. */
export function NoticeList() {
  const notices = useNotices();
  const list = useSyncExternalStore(notices.subscribe, notices.list);
  return (
    <div className="notice-list" aria-live="polite">
      {list.map((n) => (
        <NoticeItem key={n.id} notice={n} onDismiss={() => notices.dismiss(n.id)} />
      ))}
    </div>
  );
}

import { useEffect, useRef } from 'react';
import { useNotices } from '../editor-context.js';
import { templates, type TemplateId } from '../model.js';
import { openedTemplateMessage } from './opened-template-message.js';

/** The textbook models from @loom/model, each ready to train. */
export function TemplatesMenu({ onOpen }: { onOpen(id: TemplateId): void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const notices = useNotices();

  // A <details> stays open until toggled: close it on a click or Escape anywhere else.
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !details.contains(event.target as Node)
      )
        details.open = false;
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', close, true);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', close, true);
    };
  }, []);

  return (
    <details className="menu" ref={menu} data-testid="templates-menu">
      <summary className="button" aria-label="Templates">
        Templates ▾
      </summary>
      <ul className="menu-list" role="menu" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id} role="none">
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              data-template={t.id}
              onClick={() => {
                if (menu.current) menu.current.open = false;
                onOpen(t.id);
                notices.show('info', openedTemplateMessage(t.title));
              }}
            >
              <span className="menu-item-title">{t.title}</span>
              <span className="menu-item-description">{t.description}</span>
            </button>
          </li>
        ))}
        {templates.length === 0 && <li className="placeholder">No templates available.</li>}
      </ul>
    </details>
  );
}

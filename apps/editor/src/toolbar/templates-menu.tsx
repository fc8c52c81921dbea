import { useRef } from 'react';
import { templates, type TemplateId } from '../model.js';

/** The textbook models from @loom/model, each ready to train. */
export function TemplatesMenu({ onOpen }: { onOpen(id: TemplateId): void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details className="menu" ref={menu}>
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
                menu.current?.removeAttribute('open');
                onOpen(t.id);
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

import { useId, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  categoryTitles,
  createPaletteIndex,
  searchPalette,
  type PaletteEntry,
} from './palette-search.js';

/** The drag-and-drop payload type: a node type name dragged from the palette onto the canvas. */
export const nodeTypeMime = 'application/x-loom-node-type';

interface PaletteListProps {
  entries: readonly PaletteEntry[];
  onPick(entry: PaletteEntry): void;
  /** Escape in the search box. */
  onCancel?(): void;
  autoFocus?: boolean;
  /** Shown when nothing is listed at all (before any search). */
  emptyText?: string;
}

/**
 * A search box over a list of node types. Keyboard: type to filter, ↑/↓ to move, Enter to add,
 * Escape to close. Items can also be clicked or dragged onto the canvas.
 */
export function PaletteList({ entries, onPick, onCancel, autoFocus, emptyText }: PaletteListProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const index = useMemo(() => createPaletteIndex(entries), [entries]);
  const results = useMemo(() => searchPalette(index, entries, query), [index, entries, query]);
  const current = Math.min(active, results.length - 1);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + results.length) % Math.max(results.length, 1));
    } else if (event.key === 'Enter' && results[current]) {
      event.preventDefault();
      onPick(results[current]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query) setQuery('');
      else onCancel?.();
    }
  }

  function onDragStart(event: DragEvent, entry: PaletteEntry) {
    event.dataTransfer.setData(nodeTypeMime, entry.nodeType.type);
    event.dataTransfer.effectAllowed = 'copy';
  }

  const showHeadings = !query.trim();
  return (
    <div className="palette-list">
      <input
        className="palette-search"
        type="search"
        placeholder="Search layers and ops…"
        aria-label="Search node types"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results[current] ? `${listId}-${current}` : undefined}
        autoFocus={autoFocus}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-items" id={listId} role="listbox" aria-label="Node types">
        {results.map((entry, i) => {
          const { nodeType } = entry;
          const heading =
            showHeadings && (i === 0 || results[i - 1].nodeType.category !== nodeType.category);
          return (
            <li key={`${nodeType.type}:${entry.port ?? ''}`} role="presentation">
              {heading && (
                <div className="palette-heading">{categoryTitles[nodeType.category]}</div>
              )}
              <div
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === current}
                className={`palette-item ${i === current ? 'is-active' : ''}`}
                data-category={nodeType.category}
                data-node-type={nodeType.type}
                draggable
                onDragStart={(e) => onDragStart(e, entry)}
                onMouseEnter={() => setActive(i)}
                onClick={() => onPick(entry)}
                title={nodeType.description}
              >
                <span className="palette-swatch" aria-hidden="true" />
                <span className="palette-item-title">{nodeType.title}</span>
                {entry.port && <span className="palette-item-port">→ {entry.port}</span>}
              </div>
            </li>
          );
        })}
        {results.length === 0 && (
          <li className="placeholder">
            {entries.length ? 'No node type matches.' : (emptyText ?? 'No node types.')}
          </li>
        )}
      </ul>
    </div>
  );
}

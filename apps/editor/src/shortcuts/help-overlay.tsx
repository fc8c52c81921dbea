import { useEffect, useRef } from 'react';
import { shortcuts } from './shortcuts.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function showKeys(keys: string): string {
  return keys.replace('Mod', isMac ? '⌘' : 'Ctrl');
}

/** The `?` overlay: every shortcut, from the same list the key handler uses. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <div className="overlay" onClick={onClose} data-testid="help-overlay">
      <div
        className="overlay-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="overlay-header">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button
            ref={closeButton}
            type="button"
            className="icon-button"
            aria-label="Close shortcuts"
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <table className="shortcut-table">
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.action}>
                <td>
                  {s.keys.map((k) => (
                    <kbd key={k}>{showKeys(k)}</kbd>
                  ))}
                </td>
                <td>{s.description}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd>Shift</kbd>+drag
              </td>
              <td>Select with a box</td>
            </tr>
            <tr>
              <td>
                <kbd>Shift</kbd>/<kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+click
              </td>
              <td>Add to the selection</td>
            </tr>
          </tbody>
        </table>
        <p className="overlay-note">
          In the palette: type to search, ↑/↓ to choose, Enter to add, Esc to close.
        </p>
      </div>
    </div>
  );
}

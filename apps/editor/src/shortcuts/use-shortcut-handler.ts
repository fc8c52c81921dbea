import { useEffect } from 'react';
import { useEditorStore } from '../editor-context.js';
import type { Commands } from '../commands/use-commands.js';
import { isTypingTarget, matchShortcut, type ShortcutAction } from './shortcuts.js';

interface Handlers {
  commands: Commands;
  openPalette(): void;
  openFilePicker(): void;
  toggleHelp(): void;
  /** While an overlay is open, only its own keys apply. */
  blocked: boolean;
}

/** Routes key presses (outside text fields) to the editor's commands. */
export function useShortcutHandler({
  commands,
  openPalette,
  openFilePicker,
  toggleHelp,
  blocked,
}: Handlers) {
  const store = useEditorStore();
  useEffect(() => {
    const run: Record<ShortcutAction, () => void> = {
      undo: store.undo,
      redo: store.redo,
      copy: () => void store.copy(),
      cut: store.cut,
      paste: () => void store.paste(),
      duplicate: store.duplicate,
      delete: store.deleteSelection,
      selectAll: store.selectAll,
      deselect: () => store.select({ nodes: [], edges: [] }),
      addNode: openPalette,
      layout: () => void commands.autoLayout(),
      fitView: commands.fit,
      save: commands.saveFile,
      open: openFilePicker,
      exportOnnx: () => void commands.exportOnnx(),
      help: toggleHelp,
    };
    function onKeyDown(event: KeyboardEvent) {
      if (blocked || event.defaultPrevented || isTypingTarget(event.target)) return;
      const action = matchShortcut(event);
      if (!action) return;
      // Copying text the user selected on the page stays the browser's job.
      if ((action === 'copy' || action === 'cut') && window.getSelection()?.toString()) return;
      // Buttons, links and focused nodes/edges (Space selects them) keep Space for themselves.
      if (
        action === 'addNode' &&
        event.target instanceof HTMLElement &&
        event.target.closest('button, a, summary, .react-flow__node, .react-flow__edge')
      )
        return;
      event.preventDefault();
      run[action]();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, commands, openPalette, openFilePicker, toggleHelp, blocked]);
}

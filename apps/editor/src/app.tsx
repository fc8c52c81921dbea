import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { EditorProvider, useEditorStore } from './editor-context.js';
import { createEditorStore, type EditorStore } from './store/editor-store.js';
import { createNoticeStore, type NoticeApi } from './notices/notice-store.js';
import { Canvas, type PaletteRequest } from './canvas/canvas.js';
import { PalettePanel } from './palette/palette-panel.js';
import { PalettePopup } from './palette/palette-popup.js';
import { Inspector } from './inspector/inspector.js';
import { Toolbar } from './toolbar/toolbar.js';
import { NoticeList } from './components/notice-list.js';
import { HelpOverlay } from './shortcuts/help-overlay.js';
import './theme/flow-theme.css';
import { useShortcutHandler } from './shortcuts/use-shortcut-handler.js';
import { useCommands } from './commands/use-commands.js';
import { useDocumentPersistence } from './persistence/use-document-persistence.js';
import { useTheme } from './theme/use-theme.js';
import { prefetchLayout } from './layout/auto-layout.js';
import { whenIdle } from './lazy/when-idle.js';

/**
 * Where the training half of the editor mounts its UI. Pass them to <App slots={…}> (main.tsx);
 * inside, `useEditorDocument()` / `useEditorStore()` from editor-context give the model being edited.
 */
export interface EditorSlots {
  /** Right end of the header: e.g. the backend selector. */
  toolbar?: ReactNode;
  /** Below the inspector's content: e.g. the Train panel with its charts. */
  inspector?: ReactNode;
  /** Anything that floats over the whole editor (dialogs, previews). */
  overlay?: ReactNode;
}

function EditorShell({ slots }: { slots: EditorSlots }) {
  const store = useEditorStore();
  const ready = useDocumentPersistence();
  const commands = useCommands();
  const [theme, toggleTheme] = useTheme();
  const [palette, setPalette] = useState<PaletteRequest | null>(null);
  const [help, setHelp] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const openPaletteAtCentre = useCallback(() => {
    const rect = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    setPalette({
      at: rect
        ? { x: rect.left + rect.width / 2 - 150, y: rect.top + rect.height / 3 }
        : { x: 300, y: 200 },
    });
  }, []);
  const closePalette = useCallback(() => setPalette(null), []);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  const openDroppedFile = useCallback((file: File) => void commands.openFile(file), [commands]);

  // Once the start-up document (link or autosave) is in place, show all of it.
  useEffect(() => {
    if (ready && store.document.nodes.length > 0) commands.fit();
  }, [ready, commands, store]);

  // ELK (Arrange, and every template opened) loads apart from the first paint: warm it up once idle.
  useEffect(() => (ready ? whenIdle(prefetchLayout) : undefined), [ready]);

  useShortcutHandler({
    commands,
    openPalette: openPaletteAtCentre,
    openFilePicker: () => fileInput.current?.click(),
    toggleHelp,
    blocked: palette !== null || help,
  });

  return (
    <div className="app" data-ready={ready ? 'true' : 'false'}>
      <Toolbar
        commands={commands}
        theme={theme}
        onToggleTheme={toggleTheme}
        onHelp={toggleHelp}
        fileInput={fileInput}
        extra={slots.toolbar}
      />
      <PalettePanel />
      <Canvas colorMode={theme} onRequestPalette={setPalette} onOpenFile={openDroppedFile} />
      <Inspector>{slots.inspector}</Inspector>
      <NoticeList />
      {palette && <PalettePopup request={palette} onClose={closePalette} />}
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      {slots.overlay}
    </div>
  );
}

/** The editor: palette on the left, the model canvas in the middle, the inspector on the right. */
export function App({
  slots = {},
  store: givenStore,
}: {
  slots?: EditorSlots;
  store?: EditorStore;
}) {
  const [store] = useState(() => givenStore ?? createEditorStore());
  const [notices] = useState<NoticeApi>(createNoticeStore);
  return (
    <EditorProvider store={store} notices={notices}>
      <ReactFlowProvider>
        <EditorShell slots={slots} />
      </ReactFlowProvider>
    </EditorProvider>
  );
}

import { useState, type ReactNode, type RefObject } from 'react';
import { templateDocument, type TemplateId } from '../model.js';
import { useAnalysis, useEditorState, useEditorStore } from '../editor-context.js';
import { onnxExportBlocker } from '../onnx/onnx-notices.js';
import type { Commands } from '../commands/use-commands.js';
import type { Theme } from '../theme/use-theme.js';
import { usePreviewsShown } from '../preview/preview-visibility.js';
import { TemplatesMenu } from './templates-menu.js';

interface ToolbarProps {
  commands: Commands;
  theme: Theme;
  onToggleTheme(): void;
  onHelp(): void;
  /** Registers the hidden file input so Mod+O can open it. */
  fileInput: RefObject<HTMLInputElement | null>;
  /** Mount point for the training half (e.g. the backend selector), at the right end. */
  extra?: ReactNode;
}

/** The header: brand, model name, templates, file and history commands, layout, theme, help. */
export function Toolbar({
  commands,
  theme,
  onToggleTheme,
  onHelp,
  fileInput,
  extra,
}: ToolbarProps) {
  const store = useEditorStore();
  const { history } = useEditorState();
  const input = fileInput;
  const [previewsShown, togglePreviews] = usePreviewsShown();
  const { diagnostics } = useAnalysis();
  const exportBlocker = onnxExportBlocker(history.present.nodes.length, diagnostics);
  const [exporting, setExporting] = useState(false);
  return (
    <header className="app-header" role="toolbar" aria-label="Editor commands">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1>Loom</h1>
      </div>
      <span className="doc-name" title="Model name">
        {history.present.name}
      </span>
      <div className="toolbar-group">
        <TemplatesMenu
          onOpen={(id: TemplateId) => void commands.openDocument(templateDocument(id), true)}
        />
        <button
          type="button"
          className="button"
          onClick={() => input.current?.click()}
          aria-label="Open a model file"
          title="Open a .json or .onnx model (Mod+O)"
        >
          Open
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,.onnx,application/json"
          hidden
          data-testid="open-file-input"
          aria-label="Model file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void commands.openFile(file);
          }}
        />
        <button
          type="button"
          className="button"
          onClick={commands.saveFile}
          aria-label="Save the model as a file"
        >
          Save
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void commands.share()}
          aria-label="Copy a share link"
        >
          Share
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setExporting(true);
            void commands.exportOnnx().finally(() => setExporting(false));
          }}
          disabled={exportBlocker !== undefined || exporting}
          aria-label="Export the model as ONNX"
          title={exportBlocker ?? 'Download the model with its weights as ONNX (Mod+Shift+E)'}
          data-testid="export-onnx"
          data-blocker={exportBlocker}
        >
          {exporting ? 'Exporting…' : 'Export ONNX'}
        </button>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="icon-button"
          onClick={store.undo}
          disabled={history.past.length === 0}
          aria-label="Undo"
          title="Undo (Mod+Z)"
        >
          ↶
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={store.redo}
          disabled={history.future.length === 0}
          aria-label="Redo"
          title="Redo (Mod+Shift+Z)"
        >
          ↷
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void commands.autoLayout()}
          aria-label="Arrange the graph"
          title="Arrange (L)"
        >
          Arrange
        </button>
        <button
          type="button"
          className="button"
          onClick={togglePreviews}
          aria-pressed={previewsShown}
          aria-label="Show live previews on the nodes"
          title="Each node's output for one example"
          data-testid="toggle-previews"
        >
          Previews
        </button>
      </div>
      <div className="toolbar-spacer" />
      {extra && (
        <div className="toolbar-group toolbar-slot" data-slot="toolbar">
          {extra}
        </div>
      )}
      <div className="toolbar-group">
        <button
          type="button"
          className="icon-button"
          onClick={onToggleTheme}
          aria-label={theme === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
          title="Theme"
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={onHelp}
          aria-label="Keyboard shortcuts"
          title="Shortcuts (?)"
        >
          ?
        </button>
      </div>
    </header>
  );
}

export { App, type EditorSlots } from './app.js';
export { useEditorDocument, useEditorStore, useAnalysis } from './editor-context.js';

/**
 * The editor's keyboard shortcuts: one list that both the key handler and the help overlay read.
 * `Mod` is Ctrl, or ⌘ on a Mac.
 */
export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'selectAll'
  | 'deselect'
  | 'addNode'
  | 'layout'
  | 'fitView'
  | 'save'
  | 'open'
  | 'exportOnnx'
  | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** As shown in the help overlay, e.g. "Mod+Shift+Z". */
  keys: string[];
  description: string;
}

export const shortcuts: readonly Shortcut[] = [
  {
    action: 'addNode',
    keys: ['Space', 'Double-click'],
    description: 'Add a node (search the palette)',
  },
  { action: 'undo', keys: ['Mod+Z'], description: 'Undo' },
  { action: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo' },
  { action: 'copy', keys: ['Mod+C'], description: 'Copy the selected nodes' },
  { action: 'cut', keys: ['Mod+X'], description: 'Cut the selected nodes' },
  { action: 'paste', keys: ['Mod+V'], description: 'Paste' },
  { action: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected nodes' },
  { action: 'delete', keys: ['Delete', 'Backspace'], description: 'Delete the selection' },
  { action: 'selectAll', keys: ['Mod+A'], description: 'Select everything' },
  { action: 'deselect', keys: ['Escape'], description: 'Clear the selection' },
  { action: 'layout', keys: ['L'], description: 'Arrange the graph automatically' },
  { action: 'fitView', keys: ['F'], description: 'Fit the graph in view' },
  { action: 'save', keys: ['Mod+S'], description: 'Save the model as a .json file' },
  { action: 'open', keys: ['Mod+O'], description: 'Open a .json or .onnx model file' },
  {
    action: 'exportOnnx',
    keys: ['Mod+Shift+E'],
    description: 'Export the model with its weights as ONNX',
  },
  { action: 'help', keys: ['?'], description: 'Show these shortcuts' },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function keyName(key: string): string {
  if (key === ' ') return 'Space';
  return key.length === 1 ? key.toUpperCase() : key;
}

/** "Mod+Shift+Z" for the event's chord ('?' stays '?', whatever Shift it needs). */
export function chordOf(event: KeyLike): string {
  const name = keyName(event.key);
  if (name === '?') return '?';
  const parts = [];
  if (event.ctrlKey || event.metaKey) parts.push('Mod');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  parts.push(name);
  return parts.join('+');
}

/** The action a key press triggers, if any. */
export function matchShortcut(event: KeyLike): ShortcutAction | null {
  const chord = chordOf(event);
  return shortcuts.find((s) => s.keys.includes(chord))?.action ?? null;
}

/** Key presses inside these elements belong to the element (typing), not to the editor. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"] button') !==
    null
  );
}

/** The notice after a template replaced the graph: what happened and how to go back. */
export function openedTemplateMessage(title: string): string {
  return `Opened ${title}. Undo (Ctrl+Z) brings back your previous graph.`;
}

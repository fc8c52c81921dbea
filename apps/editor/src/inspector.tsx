/** Shows the selected node's parameters and the training settings. */
export function Inspector() {
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      <h2>Inspector</h2>
      <p className="placeholder">Select a node to edit its parameters.</p>
    </aside>
  );
}

/** Where node types will be listed and searched; filled from @loom/model's registry. */
export function Palette() {
  return (
    <aside className="palette" data-testid="palette" aria-label="Node palette">
      <h2>Palette</h2>
      <p className="placeholder">Layers and ops will appear here.</p>
    </aside>
  );
}

import type { ModelDocument } from '../model.js';
import type { LivePreview } from './use-live-preview.js';
import { ImageCanvas } from './image-canvas.js';

const fmt = (v: number) =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(2) : v.toFixed(3);

/** Each node's output for one dataset example: a small image when image-shaped, statistics otherwise. */
export function LivePreviewPanel({
  document,
  preview,
}: {
  document: ModelDocument;
  preview: LivePreview;
}) {
  const recomputed = new Set(preview.recomputed);
  return (
    <section
      className="live-preview"
      aria-label="Live preview"
      data-testid="live-preview"
      data-recomputed={preview.recomputed.join(' ')}
    >
      {preview.error && <p role="alert">{preview.error}</p>}
      <ul>
        {document.nodes.map((node) => {
          const p = preview.previews.get(node.id);
          if (!p || (p.shape.length === 0 && !p.error)) return null;
          const per = p.image ? p.image.width * p.image.height : 0;
          return (
            <li
              key={node.id}
              data-testid="node-preview"
              data-node={node.id}
              data-recomputed={recomputed.has(node.id)}
            >
              <strong>{node.label ?? node.id}</strong> <code>[{p.shape.join(', ')}]</code>
              {p.error ? (
                <span role="alert"> {p.error}</span>
              ) : (
                <>
                  {p.image && (
                    <ImageCanvas
                      pixels={p.image.pixels.subarray(0, per)}
                      width={p.image.width}
                      height={p.image.height}
                      size={36}
                    />
                  )}
                  {p.stats && (
                    <small>
                      {' '}
                      μ {fmt(p.stats.mean)} σ {fmt(p.stats.std)} [{fmt(p.stats.min)},{' '}
                      {fmt(p.stats.max)}]
                    </small>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

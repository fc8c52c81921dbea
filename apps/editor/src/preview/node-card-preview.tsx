import { memo } from 'react';
import { formatStat } from './format-stat.js';
import { useNodePreview, useNodePreviewPending } from './node-preview-store.js';
import { PreviewBars } from './preview-bars.js';
import { previewKind } from './preview-kind.js';
import { PreviewThumbnails } from './preview-thumbnails.js';
import { usePreviewsShown } from './preview-visibility.js';

/**
 * A node's live-preview output at the foot of its card: channel thumbnails for image-shaped
 * outputs, a bar strip with min / mean / max for vectors and sequences, the value of a scalar.
 * Dimmed with "computing…" while the session worker recomputes it; nothing when there is no
 * preview (no dataset yet) or previews are switched off.
 */
export const NodeCardPreview = memo(function NodeCardPreview({ nodeId }: { nodeId: string }) {
  const preview = useNodePreview(nodeId);
  const pending = useNodePreviewPending(nodeId);
  const [shown] = usePreviewsShown();
  if (!shown || !preview || preview.error) return null;
  const kind = previewKind(preview.shape);
  const { stats, image, series } = preview;
  if (kind === 'none' || !stats) return null;
  return (
    <div
      className={`node-card-preview nodrag${pending ? ' is-pending' : ''}`}
      data-testid="node-card-preview"
      data-kind={kind}
      data-key={preview.key}
      data-pending={pending}
      aria-label={`Preview of the output: ${kind}`}
    >
      {kind === 'scalar' && (
        <span className="node-preview-scalar" data-testid="preview-scalar">
          {formatStat(stats.mean)}
        </span>
      )}
      {kind === 'image' && image && (
        <PreviewThumbnails
          grid={image}
          channels={preview.shape.length === 4 ? preview.shape[1] : 1}
        />
      )}
      {kind === 'series' && series && (
        <PreviewBars values={series} count={stats.count} range={stats} />
      )}
      {kind !== 'scalar' && (
        <span className="node-preview-stats" data-testid="preview-stats">
          <span title="minimum">{formatStat(stats.min)}</span>
          <span title="mean">μ {formatStat(stats.mean)}</span>
          <span title="maximum">{formatStat(stats.max)}</span>
        </span>
      )}
      {pending && <span className="node-preview-pending">computing…</span>}
    </div>
  );
});

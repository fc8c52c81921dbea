import { barAxis } from './bar-axis.js';

/**
 * A tiny bar strip of a series: one bar per value, up from a zero line (down when negative), scaled
 * by the largest magnitude. SVG, so it stays crisp at any zoom and costs no canvas. The axes are
 * HTML beside and under it (the SVG stretches, text must not): the scale's ends on the left, the
 * element indices underneath (each class index for ≤ 12 values, else the first and the last).
 */
export function PreviewBars({
  values,
  count = values.length,
  range,
}: {
  values: readonly number[];
  /** How many elements the values stand for (more than values.length when downsampled). */
  count?: number;
  /** The elements' min and max (a downsampled series keeps only the means of runs). */
  range?: { min: number; max: number };
}) {
  const width = 120;
  const height = 24;
  const axis = barAxis(values, count, range);
  const { scale, negative } = axis;
  // With negative values the zero line sits in the middle, else at the bottom.
  const zero = negative ? height / 2 : height;
  const reach = negative ? height / 2 : height;
  const step = width / Math.max(1, values.length);
  const gap = step > 3 ? 1 : 0;
  const each = axis.indices.length === values.length && values.length > 1;
  return (
    <div className="node-preview-plot" data-testid="preview-bars">
      <span className="node-preview-y" data-testid="preview-y-axis" aria-label="value range">
        <span>{axis.top}</span>
        <span>{axis.bottom}</span>
      </span>
      <svg
        className="node-preview-bars"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <line x1={0} x2={width} y1={zero} y2={zero} className="node-preview-zero" />
        {values.map((v, i) => {
          if (!Number.isFinite(v)) return null;
          const h = Math.max(0.5, (Math.abs(v) / scale) * reach);
          return (
            <rect
              key={i}
              x={i * step}
              y={v < 0 ? zero : zero - h}
              width={Math.max(0.5, step - gap)}
              height={h}
              className={v < 0 ? 'is-negative' : undefined}
            />
          );
        })}
      </svg>
      <span
        className={`node-preview-x${each ? ' is-each' : ''}`}
        data-testid="preview-x-axis"
        aria-label="element index"
      >
        {axis.indices.map((label) => (
          <span key={label}>{label}</span>
        ))}
      </span>
    </div>
  );
}

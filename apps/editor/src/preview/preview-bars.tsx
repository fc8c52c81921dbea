/**
 * A tiny bar strip of a series: one bar per value, up from a zero line (down when negative), scaled
 * by the largest magnitude. SVG, so it stays crisp at any zoom and costs no canvas.
 */
export function PreviewBars({ values }: { values: readonly number[] }) {
  const width = 120;
  const height = 24;
  let magnitude = 0;
  let negative = false;
  for (const v of values)
    if (Number.isFinite(v)) {
      magnitude = Math.max(magnitude, Math.abs(v));
      if (v < 0) negative = true;
    }
  const scale = magnitude || 1;
  // With negative values the zero line sits in the middle, else at the bottom.
  const zero = negative ? height / 2 : height;
  const reach = negative ? height / 2 : height;
  const step = width / Math.max(1, values.length);
  const gap = step > 3 ? 1 : 0;
  return (
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
  );
}

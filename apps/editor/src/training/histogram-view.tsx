import type { Histogram } from '../session/protocol.js';

/** A histogram as an inline SVG of bars. */
export function HistogramView({
  histogram,
  width = 220,
  height = 60,
}: {
  histogram: Histogram;
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...histogram.counts);
  const bar = width / Math.max(1, histogram.counts.length);
  return (
    <svg
      className="histogram"
      width={width}
      height={height}
      role="img"
      aria-label={`histogram from ${histogram.edges[0]?.toFixed(3)} to ${histogram.edges.at(-1)?.toFixed(3)}`}
    >
      {histogram.counts.map((n, i) => (
        <rect
          key={i}
          x={i * bar}
          y={height - (n / max) * height}
          width={Math.max(1, bar - 1)}
          height={(n / max) * height}
          fill="#5c6bc0"
        />
      ))}
    </svg>
  );
}

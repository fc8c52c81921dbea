import { useCallback, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { whenIdle } from '../lazy/when-idle.js';

export interface MetricLine {
  label: string;
  values: readonly (number | null)[];
  color: string;
  /** The y scale: 'y' by default; accuracy lines share 'acc' (0..1). */
  scale?: 'y' | 'acc';
}

interface MetricChartProps {
  title: string;
  xLabel: string;
  x: readonly number[];
  lines: readonly MetricLine[];
  testId: string;
  /** CSS width; follows the container's width when absent. */
  width?: number;
  height?: number;
}

const axisStyle = {
  stroke: '#8c959f',
  grid: { stroke: 'rgba(140, 149, 159, 0.25)', width: 1 },
  ticks: { stroke: 'rgba(140, 149, 159, 0.4)', width: 1 },
};

/** Tick spacings for steps and epochs: whole numbers only. */
const integerSteps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 1e6];

/** The x values of the warm-up draw (see MetricChart). */
const warmUpX = [1, 2, 3];

/** The content width of the element, or of its nearest ancestor that is laid out. */
function laidOutWidth(element: HTMLElement): number {
  for (let e: HTMLElement | null = element; e; e = e.parentElement) {
    if (e.clientWidth > 0) {
      const style = getComputedStyle(e);
      return e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    }
  }
  return 0;
}

/**
 * A live line chart (uPlot) of training metrics. The plot is created once per set of lines and
 * then only handed new data, so a chart with thousands of points redraws in well under a frame.
 */
export function MetricChart({
  title,
  xLabel,
  x,
  lines,
  testId,
  width: fixedWidth,
  height = 160,
}: MetricChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const signature = lines.map((l) => `${l.label}:${l.scale ?? 'y'}`).join('|');
  // New points arrive as new arrays (see appendPoint), so the x array's identity says when to redraw.
  const latest = useRef({ x, lines });
  latest.current = { x, lines };
  // What the plot last drew (the x array; the warm-up's, or null for nothing yet).
  const drawn = useRef<readonly number[] | null>(null);
  // Whether the chart is on screen (see the IntersectionObserver below).
  const onScreen = useRef(false);

  useEffect(() => {
    if (!host.current) return;
    // A chart created hidden (the batch chart waits for its first point) measures its nearest
    // laid-out ancestor instead, so showing it needs no resize and redraw in that frame.
    const width = fixedWidth ?? Math.max(200, Math.floor(laidOutWidth(host.current)));
    const options: uPlot.Options = {
      title,
      width,
      height,
      scales: { x: { time: false }, acc: { range: [0, 1] } },
      // Grey axes and grid read on light and dark backgrounds alike (canvas cannot use CSS variables).
      axes: [
        { label: xLabel, ...axisStyle, incrs: integerSteps },
        { scale: 'y', label: lines.find((l) => (l.scale ?? 'y') === 'y')?.label, ...axisStyle },
        ...(lines.some((l) => l.scale === 'acc')
          ? [
              {
                scale: 'acc',
                side: 1 as const,
                label: lines.find((l) => l.scale === 'acc')?.label,
                ...axisStyle,
                grid: { show: false },
              },
            ]
          : []),
      ],
      series: [
        { label: xLabel },
        ...lines.map((l) => ({
          label: l.label,
          stroke: l.color,
          width: 1.5,
          scale: l.scale ?? 'y',
          spanGaps: true,
          points: { show: false },
        })),
      ],
      // The axis labels name the lines; uPlot's legend only shows "step: -- loss: --" at rest.
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
    };
    const chart = new uPlot(options, [[], ...lines.map(() => [])], host.current);
    plot.current = chart;
    // Follow the panel's width (the inspector can be resized).
    const resize = new ResizeObserver(([entry]) => {
      if (entry.contentRect.width === 0) return; // hidden: keep the size it will be shown at
      const w = Math.max(200, Math.floor(entry.contentRect.width));
      if (fixedWidth === undefined && Math.abs(w - chart.width) > 4)
        chart.setSize({ width: w, height });
    });
    resize.observe(host.current);
    // The first draw with data compiles uPlot's drawing code and rasterises the tick labels (tens
    // of ms on a busy machine). A chart created empty and hidden (the batch chart, at the dock's
    // mount) draws a throw-away series once the page is idle, so a run's first point is cheap —
    // only while off screen, so nobody sees the made-up line.
    let cancelReset: () => void = () => undefined;
    const cancelWarmUp = whenIdle(() => {
      if (onScreen.current || drawn.current !== null || latest.current.x.length > 0) return;
      drawn.current = warmUpX;
      chart.setData([warmUpX, ...lines.map(() => [1, 0.5, 0.25])]);
      cancelReset = whenIdle(() => {
        if (drawn.current !== warmUpX) return;
        drawn.current = null;
        chart.setData([[], ...lines.map(() => [])]);
      });
    });
    return () => {
      cancelWarmUp();
      cancelReset();
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The plot is rebuilt only when its lines change; data flows in through the effect below.
  }, [signature, title, xLabel, fixedWidth, height]);

  const draw = useCallback(() => {
    const chart = plot.current;
    const data = latest.current;
    if (!chart || drawn.current === data.x) return;
    drawn.current = data.x;
    chart.setData([data.x as number[], ...data.lines.map((l) => l.values as (number | null)[])]);
  }, []);

  // A redraw (axes, tick labels, lines) is the biggest piece of main-thread work of a training
  // update, and nobody sees a chart scrolled out of the dock or hidden: it is redrawn only while on
  // screen, and with the newest data when it comes back into view.
  useEffect(() => {
    if (!host.current) return;
    drawn.current = null;
    const visibility = new IntersectionObserver((entries) => {
      onScreen.current = entries[entries.length - 1]!.isIntersecting;
      if (onScreen.current) draw();
    });
    visibility.observe(host.current);
    return () => visibility.disconnect();
  }, [signature, title, xLabel, fixedWidth, height, draw]);

  useEffect(() => {
    if (onScreen.current) draw();
  }, [x, signature, draw]);

  return <div className="metric-chart" data-testid={testId} data-points={x.length} ref={host} />;
}

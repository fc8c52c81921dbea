import { formatStat } from './format-stat.js';

/** What the axes of a preview bar strip say: the scale's ends and which element each bar is. */
export interface BarAxis {
  /** The largest magnitude: the bars' full height (1 when every value is 0). */
  scale: number;
  /** Whether some value is negative: then the zero line sits in the middle. */
  negative: boolean;
  /** The value at the top of the strip: the largest magnitude. */
  top: string;
  /** The value at the bottom: 0, or minus the largest magnitude when some values are negative. */
  bottom: string;
  /** Labels under the bars, spread evenly from the first bar to the last. */
  indices: string[];
}

/** Up to this many elements, every bar is labelled with its index (class scores, say). */
export const maxLabelledBars = 12;

/**
 * The axis labels of a bar strip of `values` standing for `count` elements (more than one element
 * per bar when the series was downsampled): the y range the bars are scaled to, and the element
 * indices — every index for a short unsampled series, else the first and the last. `range` is
 * the elements' own min and max: a downsampled series' bars are means of runs, and the scale
 * still spans the extremes the card's stats show (so a bar's height reads against them).
 */
export function barAxis(
  values: readonly number[],
  count = values.length,
  range?: { min: number; max: number },
): BarAxis {
  let magnitude = 0;
  let negative = false;
  for (const v of [...values, ...(range ? [range.min, range.max] : [])])
    if (Number.isFinite(v)) {
      magnitude = Math.max(magnitude, Math.abs(v));
      if (v < 0) negative = true;
    }
  const indices =
    values.length === count && count <= maxLabelledBars
      ? values.map((_, i) => String(i))
      : count > 1
        ? ['0', String(count - 1)]
        : ['0'];
  return {
    scale: magnitude || 1,
    negative,
    top: formatStat(magnitude),
    bottom: negative ? formatStat(-magnitude) : '0',
    indices,
  };
}

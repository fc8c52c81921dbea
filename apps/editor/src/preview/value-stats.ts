import type { Histogram, ImageGrid, ValueStats } from '../session/protocol.js';

/** Min, max, mean and (population) standard deviation, skipping nothing: a NaN makes them NaN. */
export function valueStats(values: ArrayLike<number>): ValueStats {
  const count = values.length;
  if (count === 0)
    return { min: Number.NaN, max: Number.NaN, mean: Number.NaN, std: Number.NaN, count };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v < min || Number.isNaN(v)) min = v;
    if (v > max || Number.isNaN(v)) max = v;
    sum += v;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) ** 2;
  return { min, max, mean, std: Math.sqrt(squares / count), count };
}

/** `bins` equal-width bins over [min, max] (the last bin includes max); non-finite values are left out. */
export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { edges: [], counts: [] };
  if (min === max) return { edges: [min - 0.5, max + 0.5], counts: [countFinite(values)] };
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => min + i * width), counts };
}

function countFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  return n;
}

/**
 * Images of a tensor whose trailing axes are [H, W] (or [C, H, W] / [N, C, H, W]: every leading
 * axis becomes one more image), each scaled to [0, 1] by the grid's own min and max. At most
 * `limit` images. Undefined for shapes that are not image-like (rank < 2 or a side of 1).
 */
export function imageGrid(
  values: ArrayLike<number>,
  shape: readonly number[],
  limit = 16,
): ImageGrid | undefined {
  if (shape.length < 2) return undefined;
  const height = shape[shape.length - 2];
  const width = shape[shape.length - 1];
  if (height < 2 || width < 2) return undefined;
  const count = Math.min(limit, Math.floor(values.length / (height * width)));
  const pixels = new Float32Array(count * height * width);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const range = max > min ? max - min : 1;
  for (let i = 0; i < pixels.length; i++)
    pixels[i] = Number.isFinite(values[i])
      ? (values[i] - (max > min ? min : min - 0.5)) / range
      : 0;
  return { count, height, width, pixels, ...(max >= min ? { min, max } : {}) };
}

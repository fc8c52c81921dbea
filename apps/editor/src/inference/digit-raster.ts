import { mnistMean, mnistStd } from '@loom/data';

/** The side of an MNIST image, and of the box its digits are scaled into (as in the original set). */
export const mnistSide = 28;
const digitBox = 20;

/**
 * Turns a drawing (ink intensity 0..1 per pixel, row-major `width` × `height`) into an MNIST-like
 * 28×28 input the way the dataset was made: the ink's bounding box is scaled (keeping its aspect) to
 * fit 20×20, placed so its centre of mass sits at the image centre, then standardised with MNIST's
 * mean and std like the training data. An empty drawing gives the all-background image.
 */
export function rasterizeDigit(
  ink: ArrayLike<number>,
  width: number,
  height: number,
): Float32Array {
  const unit = new Float32Array(mnistSide * mnistSide);
  const box = inkBounds(ink, width, height);
  if (box) {
    const scale = digitBox / Math.max(box.right - box.left, box.bottom - box.top);
    const w = (box.right - box.left) * scale;
    const h = (box.bottom - box.top) * scale;
    // Box-filter the ink onto a 28×28 grid: each target pixel averages the source pixels under it.
    const scaled = new Float32Array(mnistSide * mnistSide);
    const left = (mnistSide - w) / 2;
    const top = (mnistSide - h) / 2;
    for (let ty = 0; ty < mnistSide; ty++)
      for (let tx = 0; tx < mnistSide; tx++)
        scaled[ty * mnistSide + tx] = sampleArea(
          ink,
          width,
          height,
          box.left + (tx - left) / scale,
          box.top + (ty - top) / scale,
          1 / scale,
        );
    const [cx, cy] = centreOfMass(scaled, mnistSide, mnistSide);
    const dx = Math.round(mnistSide / 2 - cx);
    const dy = Math.round(mnistSide / 2 - cy);
    for (let y = 0; y < mnistSide; y++)
      for (let x = 0; x < mnistSide; x++) {
        const sx = x - dx;
        const sy = y - dy;
        if (sx >= 0 && sx < mnistSide && sy >= 0 && sy < mnistSide)
          unit[y * mnistSide + x] = Math.min(1, scaled[sy * mnistSide + sx]);
      }
  }
  return unit.map((v) => (v - mnistMean) / mnistStd);
}

/** The half-open pixel box holding every pixel with ink, or undefined when there is none. */
export function inkBounds(
  ink: ArrayLike<number>,
  width: number,
  height: number,
): { left: number; top: number; right: number; bottom: number } | undefined {
  let left = width;
  let top = height;
  let right = 0;
  let bottom = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (ink[y * width + x] > 0.05) {
        left = Math.min(left, x);
        right = Math.max(right, x + 1);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + 1);
      }
  return right > left ? { left, top, right, bottom } : undefined;
}

/** The ink-weighted mean position (x, y), in pixel-centre coordinates; the centre when there is no ink. */
export function centreOfMass(
  values: ArrayLike<number>,
  width: number,
  height: number,
): [number, number] {
  let sum = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x];
      sum += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  return sum > 0 ? [sx / sum, sy / sum] : [width / 2, height / 2];
}

/** The mean ink over the square [x, x + size) × [y, y + size) of the source, 0 outside it. */
function sampleArea(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  x: number,
  y: number,
  size: number,
): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.ceil(x + size);
  const y1 = Math.ceil(y + size);
  let sum = 0;
  let area = 0;
  for (let sy = y0; sy < y1; sy++)
    for (let sx = x0; sx < x1; sx++) {
      const overlap =
        Math.max(0, Math.min(sx + 1, x + size) - Math.max(sx, x)) *
        Math.max(0, Math.min(sy + 1, y + size) - Math.max(sy, y));
      if (overlap === 0) continue;
      area += overlap;
      if (sx >= 0 && sx < width && sy >= 0 && sy < height) sum += overlap * ink[sy * width + sx];
    }
  return area > 0 ? sum / area : 0;
}

/** Ink per pixel from canvas RGBA: the alpha channel (strokes are drawn opaque on a clear canvas). */
export function inkFromRgba(rgba: Uint8ClampedArray): Float32Array {
  const out = new Float32Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4 + 3] / 255;
  return out;
}

import type { AvgPool2dAttrs, Pool2dAttrs } from '@loom/graph';
import type { CpuArray, CpuKernel, CpuKernelTable } from '../cpu-kernel.js';

/** One pooling window: output element `out`, reading rows × cols of the H×W plane at `plane`. */
interface PoolWindow {
  plane: number;
  out: number;
  /** The real (unpadded) input rows [rowBegin, rowEnd) and columns [colBegin, colEnd) it covers. */
  rowBegin: number;
  rowEnd: number;
  colBegin: number;
  colEnd: number;
  /** The same window clipped to the padded image instead, for countIncludePad's divisor. */
  paddedCount: number;
}

/**
 * Calls `visit` for every window of a pool from x [N, C, H, W] to y [N, C, outH, outW], in output
 * order; the window object is reused between calls.
 */
function forEachWindow(
  xShape: readonly number[],
  yShape: readonly number[],
  { kernelSize, stride, padding }: Pool2dAttrs,
  visit: (window: PoolWindow) => void,
): void {
  const [batch, channels, height, width] = xShape;
  const [outHeight, outWidth] = yShape.slice(2);
  const [top, bottom, left, right] = padding;
  const w: PoolWindow = {
    plane: 0,
    out: 0,
    rowBegin: 0,
    rowEnd: 0,
    colBegin: 0,
    colEnd: 0,
    paddedCount: 0,
  };
  // Clipping is inlined (no tuples): this loop runs once per output element.
  for (let plane = 0; plane < batch * channels; plane++) {
    w.plane = plane * height * width;
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = oh * stride[0] - top;
      w.rowBegin = Math.max(rowStart, 0);
      w.rowEnd = Math.max(w.rowBegin, Math.min(rowStart + kernelSize[0], height));
      const paddedRowBegin = Math.max(rowStart, -top);
      const paddedRows = Math.max(0, Math.min(rowStart + kernelSize[0], height + bottom) - paddedRowBegin);
      for (let ow = 0; ow < outWidth; ow++) {
        const colStart = ow * stride[1] - left;
        w.colBegin = Math.max(colStart, 0);
        w.colEnd = Math.max(w.colBegin, Math.min(colStart + kernelSize[1], width));
        const paddedColBegin = Math.max(colStart, -left);
        const paddedCols = Math.max(0, Math.min(colStart + kernelSize[1], width + right) - paddedColBegin);
        w.paddedCount = paddedRows * paddedCols;
        w.out = (plane * outHeight + oh) * outWidth + ow;
        visit(w);
      }
    }
  }
}

/**
 * The first maximum of every window (an input offset, or −1 for a window of padding only), in
 * output order: written as plain loops because this runs once per output element of every
 * pooling layer, forward and backward.
 */
function windowArgmaxes(x: CpuArray, yShape: readonly number[], { kernelSize, stride, padding }: Pool2dAttrs): Int32Array {
  const [batch, channels, height, width] = x.shape;
  const [outHeight, outWidth] = yShape.slice(2);
  const [kh, kw] = kernelSize;
  const [sh, sw] = stride;
  const [top, , left] = padding;
  const data = x.data;
  const best = new Int32Array(batch * channels * outHeight * outWidth);
  let out = 0;
  for (let plane = 0; plane < batch * channels; plane++) {
    const base = plane * height * width;
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = oh * sh - top;
      const r0 = Math.max(rowStart, 0);
      const r1 = Math.min(rowStart + kh, height);
      for (let ow = 0; ow < outWidth; ow++, out++) {
        const colStart = ow * sw - left;
        const c0 = Math.max(colStart, 0);
        const c1 = Math.min(colStart + kw, width);
        let at = -1;
        let value = -Infinity;
        for (let ih = r0; ih < r1; ih++) {
          const row = base + ih * width;
          for (let iw = c0; iw < c1; iw++) {
            const v = data[row + iw];
            // The first maximum wins; padding never does; a NaN does (as in `max`).
            if (at < 0 || v > value || (v !== v && value === value)) {
              at = row + iw;
              value = v;
            }
          }
        }
        best[out] = at;
      }
    }
  }
  return best;
}

/** An all-padding window has no maximum: it gives −∞ and passes no gradient. */
const maxPool2d: CpuKernel<'maxPool2d'> = ([x], out, attrs) => {
  const best = windowArgmaxes(x, out.shape, attrs);
  for (let i = 0; i < best.length; i++) out.data[i] = best[i] < 0 ? -Infinity : x.data[best[i]];
};

/**
 * dx: each window's dy goes to the first maximum of its window. Overlapping windows add up, in
 * float64 like the other reference kernels; windows that cannot overlap write directly.
 */
const maxPool2dGrad: CpuKernel<'maxPool2dGrad'> = ([x, dy], out, attrs) => {
  const best = windowArgmaxes(x, dy.shape, attrs);
  const overlapping = attrs.stride[0] < attrs.kernelSize[0] || attrs.stride[1] < attrs.kernelSize[1];
  const acc = overlapping ? new Float64Array(out.data.length) : out.data;
  for (let i = 0; i < best.length; i++) if (best[i] >= 0) acc[best[i]] += dy.data[i];
  if (overlapping) out.data.set(acc);
};

/**
 * How many positions a window averages over. With `countIncludePad`, every position inside the
 * padded image (k·k unless the window overhangs even the padding — PyTorch counts it the same way);
 * without, only the real pixels. An empty window divides by 1, giving 0 rather than NaN.
 */
function divisor(w: PoolWindow, { countIncludePad }: AvgPool2dAttrs): number {
  const count = countIncludePad ? w.paddedCount : (w.rowEnd - w.rowBegin) * (w.colEnd - w.colBegin);
  return Math.max(1, count);
}

const avgPool2d: CpuKernel<'avgPool2d'> = ([x], out, attrs) => {
  const width = x.shape[3];
  const data = x.data;
  forEachWindow(x.shape, out.shape, attrs, (w) => {
    let sum = 0;
    for (let ih = w.rowBegin; ih < w.rowEnd; ih++) {
      for (let iw = w.colBegin; iw < w.colEnd; iw++) sum += data[w.plane + ih * width + iw];
    }
    out.data[w.out] = sum / divisor(w, attrs);
  });
};

/** dx: each window spreads dy / divisor over the real pixels it averaged. */
const avgPool2dGrad: CpuKernel<'avgPool2dGrad'> = ([dy], out, attrs) => {
  const width = attrs.inputShape[3];
  const acc = new Float64Array(out.data.length);
  forEachWindow(attrs.inputShape, dy.shape, attrs, (w) => {
    const share = dy.data[w.out] / divisor(w, attrs);
    for (let ih = w.rowBegin; ih < w.rowEnd; ih++) {
      for (let iw = w.colBegin; iw < w.colEnd; iw++) acc[w.plane + ih * width + iw] += share;
    }
  });
  out.data.set(acc);
};

export const pool2dKernels: Pick<
  CpuKernelTable,
  'maxPool2d' | 'maxPool2dGrad' | 'avgPool2d' | 'avgPool2dGrad'
> = { maxPool2d, maxPool2dGrad, avgPool2d, avgPool2dGrad };

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

/** The span [start, start + size) clipped to [lo, hi), as [begin, end]. */
function clip(start: number, size: number, lo: number, hi: number): [number, number] {
  const begin = Math.max(start, lo);
  return [begin, Math.max(begin, Math.min(start + size, hi))];
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
  for (let plane = 0; plane < batch * channels; plane++) {
    w.plane = plane * height * width;
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = oh * stride[0] - top;
      [w.rowBegin, w.rowEnd] = clip(rowStart, kernelSize[0], 0, height);
      const [paddedRowBegin, paddedRowEnd] = clip(rowStart, kernelSize[0], -top, height + bottom);
      for (let ow = 0; ow < outWidth; ow++) {
        const colStart = ow * stride[1] - left;
        [w.colBegin, w.colEnd] = clip(colStart, kernelSize[1], 0, width);
        const [paddedColBegin, paddedColEnd] = clip(colStart, kernelSize[1], -left, width + right);
        w.paddedCount = (paddedRowEnd - paddedRowBegin) * (paddedColEnd - paddedColBegin);
        w.out = (plane * outHeight + oh) * outWidth + ow;
        visit(w);
      }
    }
  }
}

/**
 * The offset of the first maximum of a window in row-major order, or −1 for a window of padding
 * only. Padding never wins; a NaN does (as in `max`). The forward pass and its gradient both use
 * this, so the gradient always goes to the value the forward pass picked.
 */
function windowArgmax(x: CpuArray, w: PoolWindow): number {
  const width = x.shape[3];
  const data = x.data;
  let best = -1;
  let bestValue = -Infinity;
  for (let ih = w.rowBegin; ih < w.rowEnd; ih++) {
    for (let iw = w.colBegin; iw < w.colEnd; iw++) {
      const at = w.plane + ih * width + iw;
      const v = data[at];
      if (best < 0 || v > bestValue || (v !== v && bestValue === bestValue)) {
        best = at;
        bestValue = v;
      }
    }
  }
  return best;
}

/** An all-padding window has no maximum: it gives −∞ and passes no gradient. */
const maxPool2d: CpuKernel<'maxPool2d'> = ([x], out, attrs) => {
  forEachWindow(x.shape, out.shape, attrs, (w) => {
    const best = windowArgmax(x, w);
    out.data[w.out] = best < 0 ? -Infinity : x.data[best];
  });
};

/** dx: each window's dy goes to the first maximum of its window; overlapping windows add up. */
const maxPool2dGrad: CpuKernel<'maxPool2dGrad'> = ([x, dy], out, attrs) => {
  const acc = new Float64Array(out.data.length);
  forEachWindow(x.shape, dy.shape, attrs, (w) => {
    const best = windowArgmax(x, w);
    if (best >= 0) acc[best] += dy.data[w.out];
  });
  out.data.set(acc);
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

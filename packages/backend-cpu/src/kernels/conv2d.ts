import type { CpuKernel, CpuKernelTable } from '../cpu-kernel.js';
import { forEachConvTap } from './conv-taps.js';

// All three passes walk the same taps (see conv-taps.ts) and accumulate in float64 before the one
// rounding store into the output.

/** y[n, o, oh, ow] = Σ x[n, c, oh·s − pad + kh·d, ow·s − pad + kw·d] · w[o, c, kh, kw]. */
const conv2d: CpuKernel<'conv2d'> = ([x, w], out, attrs) => {
  const xs = x.data;
  const ws = w.data;
  const acc = new Float64Array(out.data.length);
  forEachConvTap(x.shape, w.shape, out.shape, attrs, (t, g) => {
    const weight = ws[t.w];
    for (let oh = t.ohBegin; oh < t.ohEnd; oh++) {
      const xRow = t.xPlane + (t.ihStart + oh * g.strideH) * g.width + t.iwStart;
      const yRow = t.yPlane + oh * g.outWidth;
      for (let ow = t.owBegin; ow < t.owEnd; ow++)
        acc[yRow + ow] += weight * xs[xRow + ow * g.strideW];
    }
  });
  out.data.set(acc);
};

/** dx: every tap sends dy · w back to the input pixel it read (the transpose of conv2d). */
const conv2dInputGrad: CpuKernel<'conv2dInputGrad'> = ([dy, w], out, attrs) => {
  const dys = dy.data;
  const ws = w.data;
  const acc = new Float64Array(out.data.length);
  forEachConvTap(attrs.inputShape, w.shape, dy.shape, attrs, (t, g) => {
    const weight = ws[t.w];
    for (let oh = t.ohBegin; oh < t.ohEnd; oh++) {
      const xRow = t.xPlane + (t.ihStart + oh * g.strideH) * g.width + t.iwStart;
      const yRow = t.yPlane + oh * g.outWidth;
      for (let ow = t.owBegin; ow < t.owEnd; ow++)
        acc[xRow + ow * g.strideW] += weight * dys[yRow + ow];
    }
  });
  out.data.set(acc);
};

/** dw[o, c, kh, kw] = Σ over images and output positions of dy · the input pixel the tap read. */
const conv2dFilterGrad: CpuKernel<'conv2dFilterGrad'> = ([x, dy], out, attrs) => {
  const xs = x.data;
  const dys = dy.data;
  const acc = new Float64Array(out.data.length);
  forEachConvTap(x.shape, attrs.filterShape, dy.shape, attrs, (t, g) => {
    let sum = 0;
    for (let oh = t.ohBegin; oh < t.ohEnd; oh++) {
      const xRow = t.xPlane + (t.ihStart + oh * g.strideH) * g.width + t.iwStart;
      const yRow = t.yPlane + oh * g.outWidth;
      for (let ow = t.owBegin; ow < t.owEnd; ow++)
        sum += dys[yRow + ow] * xs[xRow + ow * g.strideW];
    }
    acc[t.w] += sum;
  });
  out.data.set(acc);
};

export const conv2dKernels: Pick<
  CpuKernelTable,
  'conv2d' | 'conv2dInputGrad' | 'conv2dFilterGrad'
> = { conv2d, conv2dInputGrad, conv2dFilterGrad };

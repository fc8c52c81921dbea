import type { Conv2dAttrs } from '@loom/graph';

/**
 * One filter tap of a conv2d, for one image and one output channel: the weight w[o, c, kh, kw]
 * meets input row `ihStart + oh·strideH` and column `iwStart + ow·strideW` for every output
 * position (oh, ow) in [ohBegin, ohEnd) × [owBegin, owEnd) — the positions where that input pixel is
 * real, not padding. Forward and both backward passes are the same walk over taps with a different
 * multiply-accumulate inside, which keeps them exact adjoints of each other.
 */
export interface ConvTap {
  /** Offset of x[n, c] (an H×W plane). */
  xPlane: number;
  /** Offset of y[n, o] (an outH×outW plane). */
  yPlane: number;
  /** Offset of w[o, c mod C/groups, kh, kw]. */
  w: number;
  ihStart: number;
  iwStart: number;
  ohBegin: number;
  ohEnd: number;
  owBegin: number;
  owEnd: number;
}

export interface ConvGeometry {
  /** Input width. */
  width: number;
  outWidth: number;
  strideH: number;
  strideW: number;
}

/** The output positions [begin, end) at which `start + position · stride` lies in [0, inSize). */
function validRange(
  start: number,
  stride: number,
  inSize: number,
  outSize: number,
): [number, number] {
  const begin = Math.max(0, Math.ceil(-start / stride));
  const end = Math.min(outSize, Math.floor((inSize - 1 - start) / stride) + 1);
  return [begin, Math.max(begin, end)];
}

/**
 * Calls `visit` for every tap of a conv2d of x [N, C, H, W] with w [O, C/groups, kH, kW] giving
 * y [N, O, outH, outW]; the `tap` object is reused between calls.
 */
export function forEachConvTap(
  xShape: readonly number[],
  wShape: readonly number[],
  yShape: readonly number[],
  { stride, padding, dilation, groups }: Conv2dAttrs,
  visit: (tap: ConvTap, geometry: ConvGeometry) => void,
): void {
  const [batch, channels, height, width] = xShape;
  const [outChannels, groupChannels, kernelH, kernelW] = wShape;
  const [outHeight, outWidth] = yShape.slice(2);
  const groupOut = outChannels / groups;
  const geometry: ConvGeometry = { width, outWidth, strideH: stride[0], strideW: stride[1] };
  const tap: ConvTap = {
    xPlane: 0,
    yPlane: 0,
    w: 0,
    ihStart: 0,
    iwStart: 0,
    ohBegin: 0,
    ohEnd: 0,
    owBegin: 0,
    owEnd: 0,
  };
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      tap.yPlane = (n * outChannels + o) * outHeight * outWidth;
      const firstChannel = Math.floor(o / groupOut) * groupChannels;
      for (let cg = 0; cg < groupChannels; cg++) {
        tap.xPlane = (n * channels + firstChannel + cg) * height * width;
        for (let kh = 0; kh < kernelH; kh++) {
          tap.ihStart = kh * dilation[0] - padding[0];
          [tap.ohBegin, tap.ohEnd] = validRange(tap.ihStart, stride[0], height, outHeight);
          for (let kw = 0; kw < kernelW; kw++) {
            tap.iwStart = kw * dilation[1] - padding[2];
            [tap.owBegin, tap.owEnd] = validRange(tap.iwStart, stride[1], width, outWidth);
            tap.w = ((o * groupChannels + cg) * kernelH + kh) * kernelW + kw;
            visit(tap, geometry);
          }
        }
      }
    }
  }
}

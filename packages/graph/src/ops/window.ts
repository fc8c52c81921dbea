import { formatShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { record } from './record.js';
import type { AvgPool2dAttrs, Conv2dAttrs, Padding2d, Pair, Pool2dAttrs } from './primitive-op.js';
import type { VjpTable } from '../autograd/vjp.js';

/** 2-D window ops on NCHW images: conv2d and pooling, with their backward primitives as VJPs. */

export type PaddingOption = number | readonly [number, number] | 'same' | 'valid';

export interface Conv2dOptions {
  stride?: number | Pair;
  /** 'same' pads like TensorFlow (the odd element goes bottom/right); [ph, pw] pads both sides. */
  padding?: PaddingOption;
  dilation?: number | Pair;
  groups?: number;
}

export interface Pool2dOptions {
  kernelSize: number | Pair;
  /** Defaults to the kernel size. */
  stride?: number | Pair;
  padding?: PaddingOption;
}

export interface AvgPool2dOptions extends Pool2dOptions {
  /** Divide by the full window including padding (PyTorch's default) rather than the valid part. */
  countIncludePad?: boolean;
}

function pair(op: string, field: string, v: number | Pair): Pair {
  const p: Pair = typeof v === 'number' ? [v, v] : v;
  if (p.length !== 2 || !p.every((d) => Number.isInteger(d) && d >= 1))
    throw new Error(`${op}: ${field} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`);
  return p;
}

function resolvePadding(
  op: string,
  padding: PaddingOption,
  input: Pair,
  window: Pair,
  stride: Pair,
): Padding2d {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const amount = (i: 0 | 1) => Math.max((Math.ceil(input[i] / stride[i]) - 1) * stride[i] + window[i] - input[i], 0);
    const [h, w] = [amount(0), amount(1)];
    return [Math.floor(h / 2), h - Math.floor(h / 2), Math.floor(w / 2), w - Math.floor(w / 2)];
  }
  const [ph, pw] = typeof padding === 'number' ? [padding, padding] : padding;
  if (![ph, pw].every((d) => Number.isInteger(d) && d >= 0))
    throw new Error(`${op}: padding must be 'same', 'valid', or non-negative integers, got ${JSON.stringify(padding)}`);
  return [ph, ph, pw, pw];
}

function outputSize(op: string, x: Tensor, window: Pair, stride: Pair, padding: Padding2d, what: string): Pair {
  // `what` names the window, e.g. "kernel 3×3" or "weight [4, 1, 6, 6] (dilated kernel 6×6)".
  const [h, w] = [x.shape[2], x.shape[3]];
  const oh = Math.floor((h + padding[0] + padding[1] - window[0]) / stride[0]) + 1;
  const ow = Math.floor((w + padding[2] + padding[3] - window[1]) / stride[1]) + 1;
  if (oh < 1 || ow < 1)
    throw new Error(
      `${op}: ${what} is larger than the padded input ${h + padding[0] + padding[1]}×${w + padding[2] + padding[3]} (input ${formatShape(x.shape)})`,
    );
  return [oh, ow];
}

function checkImage(op: string, x: Tensor): void {
  if (x.rank !== 4) throw new Error(`${op}: input must be NCHW (rank 4), got ${formatShape(x.shape)}`);
  if (x.dtype !== 'float32') throw new Error(`${op}: input must be float32, got ${x.dtype}`);
}

/** 2-D convolution (cross-correlation, as in PyTorch): x [N, C, H, W], weight [O, C/groups, kH, kW]. */
export function conv2d(x: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  checkImage('conv2d', x);
  if (weight.rank !== 4 || weight.dtype !== 'float32')
    throw new Error(`conv2d: weight must be float32 [O, C/groups, kH, kW], got ${formatShape(weight.shape)} ${weight.dtype}`);
  const groups = options.groups ?? 1;
  const [n, c] = x.shape;
  const [o, cPerGroup, kh, kw] = weight.shape;
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0 || o % groups !== 0)
    throw new Error(`conv2d: groups ${groups} must divide both input channels ${c} and output channels ${o}`);
  if (cPerGroup * groups !== c)
    throw new Error(
      `conv2d: input ${formatShape(x.shape)} has ${c} channels but weight ${formatShape(weight.shape)} expects ${cPerGroup * groups} (${cPerGroup} per group × ${groups} groups)`,
    );
  const stride = pair('conv2d', 'stride', options.stride ?? 1);
  const dilation = pair('conv2d', 'dilation', options.dilation ?? 1);
  const window: Pair = [dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1];
  const padding = resolvePadding('conv2d', options.padding ?? 0, [x.shape[2], x.shape[3]], window, stride);
  const [oh, ow] = outputSize('conv2d', x, window, stride, padding, `weight ${formatShape(weight.shape)} (dilated kernel ${window[0]}×${window[1]})`);
  const attrs: Conv2dAttrs = { stride, padding, dilation, groups };
  return record('conv2d', [x, weight], attrs, [n, o, oh, ow], 'float32');
}

function poolAttrs(op: string, x: Tensor, options: Pool2dOptions): Pool2dAttrs & { out: Pair } {
  checkImage(op, x);
  const kernelSize = pair(op, 'kernelSize', options.kernelSize);
  const stride = pair(op, 'stride', options.stride ?? kernelSize);
  const padding = resolvePadding(op, options.padding ?? 0, [x.shape[2], x.shape[3]], kernelSize, stride);
  if (padding[0] > kernelSize[0] / 2 || padding[2] > kernelSize[1] / 2)
    throw new Error(`${op}: padding ${JSON.stringify(padding)} must be at most half the kernel size ${kernelSize.join('×')}`);
  const out = outputSize(op, x, kernelSize, stride, padding, `kernel ${kernelSize[0]}×${kernelSize[1]}`);
  return { kernelSize, stride, padding, out };
}

export function maxPool2d(x: Tensor, options: Pool2dOptions): Tensor {
  const { out, ...attrs } = poolAttrs('maxPool2d', x, options);
  return record('maxPool2d', [x], attrs, [x.shape[0], x.shape[1], ...out], 'float32');
}

export function avgPool2d(x: Tensor, options: AvgPool2dOptions): Tensor {
  const { out, ...attrs } = poolAttrs('avgPool2d', x, options);
  const full: AvgPool2dAttrs = { ...attrs, countIncludePad: options.countIncludePad ?? true };
  return record('avgPool2d', [x], full, [x.shape[0], x.shape[1], ...out], 'float32');
}

function convAttrs(attrs: Conv2dAttrs): Conv2dAttrs {
  const { stride, padding, dilation, groups } = attrs;
  return { stride, padding, dilation, groups };
}

export const windowVjps: Pick<
  VjpTable,
  | 'conv2d'
  | 'conv2dInputGrad'
  | 'conv2dFilterGrad'
  | 'maxPool2d'
  | 'maxPool2dGrad'
  | 'avgPool2d'
  | 'avgPool2dGrad'
> = {
  conv2d: (g, { inputs: [x, w], attrs }) => [
    record('conv2dInputGrad', [g, w], { ...convAttrs(attrs), inputShape: x.shape }, x.shape, 'float32'),
    record('conv2dFilterGrad', [x, g], { ...convAttrs(attrs), filterShape: w.shape }, w.shape, 'float32'),
  ],
  // conv2dInputGrad(dy, w) is the adjoint of conv2d in x, so its own VJPs are conv2d and the filter grad.
  conv2dInputGrad: (g, { inputs: [dy, w], attrs }) => [
    record('conv2d', [g, w], convAttrs(attrs), dy.shape, 'float32'),
    record('conv2dFilterGrad', [g, dy], { ...convAttrs(attrs), filterShape: w.shape }, w.shape, 'float32'),
  ],
  conv2dFilterGrad: (g, { inputs: [x, dy], attrs }) => [
    record('conv2dInputGrad', [dy, g], { ...convAttrs(attrs), inputShape: x.shape }, x.shape, 'float32'),
    record('conv2d', [x, g], convAttrs(attrs), dy.shape, 'float32'),
  ],
  maxPool2d: (g, { inputs: [x], attrs }) => [record('maxPool2dGrad', [x, g], attrs, x.shape, 'float32')],
  maxPool2dGrad: () => {
    throw new Error('maxPool2d: second-order gradients are not supported');
  },
  avgPool2d: (g, { inputs: [x], attrs }) => [
    record('avgPool2dGrad', [g], { ...attrs, inputShape: x.shape }, x.shape, 'float32'),
  ],
  // avgPool2dGrad is the adjoint of avgPool2d, which is linear: its VJP is avgPool2d again.
  avgPool2dGrad: (g, { inputs: [dy], attrs }) => {
    const { kernelSize, stride, padding, countIncludePad } = attrs;
    return [record('avgPool2d', [g], { kernelSize, stride, padding, countIncludePad }, dy.shape, 'float32')];
  },
};

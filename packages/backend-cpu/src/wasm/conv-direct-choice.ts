import type { Conv2dAttrs } from '@loom/graph';

/** Fewer taps per output than this stay on im2col + GEMM. */
const minDepth = 32;

/** How much larger than dy the input may be for the input gradient to run direct. */
const maxInputGradGrowth = 1.15;

/** The widest kernel the filter-gradient tile keeps in registers (mo·kW accumulators). */
const maxKernelW = 8;

/**
 * Whether the direct kernels should run this pass: stride 1 (the flat layout needs it), not a
 * plain 1×1 (that is a GEMM on the input as it is), a filter-gradient tile that fits in
 * registers, an input gradient whose equivalent forward padding is not negative — and, unless
 * `always`, enough taps per output and (input gradient) little padding to multiply. Where they
 * run they measured at least as fast as im2col + GEMM (GFLOP/s per CPU-second, Zen 3, plain SIMD
 * / FMA, direct vs im2col): [64, 32, 28, 28] 3×3 forward 33.3 vs 28.5 / 43.3 vs 33.1, input grad
 * 32.5 vs 28.5 / 42.8 vs 32.7, filter grad 31.6 vs 24.1 / 43.7 vs 27.2; MNIST conv2 forward
 * 30.0 vs 30.1 / 37.4 vs 34.8, filter grad 25.6 vs 19.6 / 33.2 vs 31.8.
 */
export function directConvApplies(
  xShape: readonly number[],
  wShape: readonly number[],
  yShape: readonly number[],
  { stride, padding, dilation }: Conv2dAttrs,
  pass: 'forward' | 'inputGrad' | 'filterGrad',
  /** Wherever the kernels are correct, not only where they are faster (tests). */
  always = false,
): boolean {
  const [, channels] = xShape;
  const [outChannels, , kernelH, kernelW] = wShape;
  const [outH, outW] = yShape.slice(2);
  if (stride[0] !== 1 || stride[1] !== 1 || outH < 1 || outW < 1) return false;
  if (kernelH === 1 && kernelW === 1 && padding.every((p) => p === 0)) return false;
  if (channels === 0 || outChannels === 0) return false;
  if (pass === 'filterGrad') return kernelW <= maxKernelW;
  // A shallow conv (MNIST conv1: 9 taps) spends its tiles storing rather than multiplying:
  // 19.3 vs 20.9 GFLOP/s for im2col + GEMM, whose GEMM runs over positions × channels instead.
  const depth =
    (pass === 'forward' ? wShape[1] : outChannels / (channels / wShape[1])) * kernelH * kernelW;
  if (depth < minDepth && !always) return false;
  if (pass === 'inputGrad') {
    // As a forward conv over dy padded by the kernel's reach, the input gradient of an unpadded
    // conv also multiplies that padding: (H·W) / (outH·outW) times the work (MNIST conv2:
    // 1.4×, 23 vs 31 GFLOP/s for im2col), and with one input channel its tiles are one row.
    const [height, width] = xShape.slice(2);
    if ((height * width > maxInputGradGrowth * outH * outW || wShape[1] < 2) && !always)
      return false;
    const reachH = dilation[0] * (kernelH - 1);
    const reachW = dilation[1] * (kernelW - 1);
    return !(
      padding[0] > reachH ||
      padding[1] > reachH ||
      padding[2] > reachW ||
      padding[3] > reachW
    );
  }
  return true;
}

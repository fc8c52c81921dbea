import type { Conv2dAttrs } from '@loom/graph';
import { buildDirectConvModule, directConvExportNames } from './conv-direct-module.js';
import type { DirectConvShape } from './conv-direct-module.js';
import type { HeapTensor, Range } from './heap-tensor.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels } from './wasm-instance.js';
import type { WasmFunction } from './wasm-instance.js';

type DirectKernels = Record<(typeof directConvExportNames)[number], WasmFunction>;

/** Tile sizes of the direct kernels (see conv-direct-module.ts). */
export interface DirectConvTiles {
  mr: number;
  nr: number;
}

// Measured on Zen 3 / Node 20 (V8 11.3) for [64, 32, 28, 28] 3×3, forward GFLOP/s per CPU-second:
// plain SIMD 5×8 32.8, 3×12 32.9, 4×8 31.9, 6×8 23.2, 4×12 21.3; FMA 3×12 42.7, 6×8 41.8,
// 5×8 41.1, 4×12 21.9, 3×16 22.5 (the last ones spill).
const defaultTiles = (fma: boolean): DirectConvTiles =>
  fma ? { mr: 3, nr: 12 } : { mr: 5, nr: 8 };

/** Fewer taps per output than this stay on im2col + GEMM. */
const minDepth = 32;

/** How much larger than dy the input may be for the input gradient to run direct. */
const maxInputGradGrowth = 1.15;

/** The widest kernel the filter-gradient tile keeps in registers (mo·kW accumulators). */
const maxKernelW = 8;

/** One stride-1 conv on flat padded planes: which pads, what it reads and writes. */
interface FlatConv {
  inChannels: number;
  height: number;
  width: number;
  /** top, bottom, left, right */
  pads: readonly [number, number, number, number];
  dilationH: number;
  outChannels: number;
  outH: number;
  outW: number;
}

interface FlatLayout {
  paddedH: number;
  paddedW: number;
  planeFloats: number;
  /** Flat output positions per plane, rounded up to whole tiles. */
  positions: number;
  /** Floats of the padded input block, slack for the garbage columns' reads included. */
  inputFloats: number;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/**
 * conv2d and both its backward passes for stride-1 convolutions, computed directly on padded
 * copies of the images (conv-direct-module.ts) instead of through im2col + GEMM:
 *
 *   forward      y    = direct conv of x with w
 *   input grad   dx   = direct conv of dy, padded by d·(k − 1) − pad, with w transposed (channels)
 *                       and rotated 180° — the forward kernel again
 *   filter grad  dW  += dot products of dy rows with shifted input rows, image by image
 *
 * Nothing the size of a col matrix is ever materialised: per call, one padded image, one flat
 * output (or flat dy) and the packed weights.
 */
export class WasmDirectConv {
  private readonly modules = new Map<string, DirectKernels>();
  readonly tiles: DirectConvTiles;

  constructor(
    private readonly heap: WasmHeap,
    private readonly fma: boolean,
    tiles: Partial<DirectConvTiles> = {},
  ) {
    this.tiles = { ...defaultTiles(fma), ...tiles };
  }

  /**
   * Whether the direct kernels should run this pass: stride 1 (the flat layout needs it), not a
   * plain 1×1 (that is a GEMM on the input as it is), a filter-gradient tile that fits in
   * registers, an input gradient whose equivalent forward padding is not negative — and, unless
   * `always`, enough taps per output and (input gradient) little padding to multiply. Where they
   * run they measured at least as fast as im2col + GEMM on the benchmark shapes (GFLOP/s per CPU-second,
   * Zen 3, direct vs im2col, plain SIMD / FMA): [64, 32, 28, 28] 3×3 forward 32.9 vs 28.5 /
   * 43.3 vs 33.1, filter grad 31.6 vs 24.1 / 43.7 vs 27.2; MNIST conv2 forward 29.7 vs 30.1 /
   * 37.8 vs 34.8; MNIST conv1 forward 20.0 vs 20.9 / 22.9 vs 17.7.
   */
  static supports(
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

  forward(x: HeapTensor, w: HeapTensor, y: HeapTensor, attrs: Conv2dAttrs, images: Range): void {
    const [, channels, height, width] = x.shape;
    const [outChannels, cg, kernelH, kernelW] = w.shape;
    const [outH, outW] = y.shape.slice(2);
    const { groups, padding, dilation } = attrs;
    const og = outChannels / groups;
    const taps = cg * kernelH * kernelW;
    const conv: FlatConv = {
      inChannels: cg,
      height,
      width,
      pads: [padding[0], padding[1], padding[2], padding[3]],
      dilationH: dilation[0],
      outChannels: og,
      outH,
      outW,
    };
    const kernels = this.kernels(kernelH, kernelW, dilation[1]);
    for (let group = 0; group < groups; group++) {
      const wg = w.offset + 4 * group * og * taps;
      this.run(
        kernels,
        conv,
        kernelH,
        kernelW,
        dilation[1],
        images,
        (o, c, kh, kw) => {
          return wg + 4 * (((o * cg + c) * kernelH + kh) * kernelW + kw);
        },
        (n) => ({
          input: x.offset + 4 * (n * channels + group * cg) * height * width,
          output: y.offset + 4 * (n * outChannels + group * og) * outH * outW,
        }),
      );
    }
  }

  inputGrad(
    dy: HeapTensor,
    w: HeapTensor,
    dx: HeapTensor,
    attrs: Conv2dAttrs,
    images: Range,
  ): void {
    const [, channels, height, width] = dx.shape;
    const [outChannels, cg, kernelH, kernelW] = w.shape;
    const [outH, outW] = dy.shape.slice(2);
    const { groups, padding, dilation } = attrs;
    const og = outChannels / groups;
    const taps = cg * kernelH * kernelW;
    const reachH = dilation[0] * (kernelH - 1);
    const reachW = dilation[1] * (kernelW - 1);
    // dx = dy (padded by the kernel's reach minus the forward padding) ⋆ the rotated filter, with
    // input and output channels swapped.
    const conv: FlatConv = {
      inChannels: og,
      height: outH,
      width: outW,
      pads: [reachH - padding[0], reachH - padding[1], reachW - padding[2], reachW - padding[3]],
      dilationH: dilation[0],
      outChannels: cg,
      outH: height,
      outW: width,
    };
    const kernels = this.kernels(kernelH, kernelW, dilation[1]);
    for (let group = 0; group < groups; group++) {
      const wg = w.offset + 4 * group * og * taps;
      this.run(
        kernels,
        conv,
        kernelH,
        kernelW,
        dilation[1],
        images,
        (c, o, kh, kw) => {
          const tap = (kernelH - 1 - kh) * kernelW + (kernelW - 1 - kw);
          return wg + 4 * ((o * cg + c) * kernelH * kernelW + tap);
        },
        (n) => ({
          input: dy.offset + 4 * (n * outChannels + group * og) * outH * outW,
          output: dx.offset + 4 * (n * channels + group * cg) * height * width,
        }),
      );
    }
  }

  filterGrad(
    x: HeapTensor,
    dy: HeapTensor,
    dw: HeapTensor,
    attrs: Conv2dAttrs,
    outChannels: Range,
  ): void {
    const [batch, channels, height, width] = x.shape;
    const [totalOut, cg, kernelH, kernelW] = dw.shape;
    const [outH, outW] = dy.shape.slice(2);
    const { groups, padding, dilation } = attrs;
    const og = totalOut / groups;
    const taps = cg * kernelH * kernelW;
    this.heap
      .f32(dw.offset + 4 * outChannels[0] * taps, (outChannels[1] - outChannels[0]) * taps)
      .fill(0);
    if (batch === 0) return;
    const conv: FlatConv = {
      inChannels: cg,
      height,
      width,
      pads: [padding[0], padding[1], padding[2], padding[3]],
      dilationH: dilation[0],
      outChannels: og,
      outH,
      outW,
    };
    const layout = this.layout(conv, kernelH, kernelW, dilation[1], 4);
    const steps = layout.positions / 4;
    const kernels = this.kernels(kernelH, kernelW, dilation[1]);
    const xpad = this.heap.alloc(layout.inputFloats * 4);
    const dyFlat = this.heap.alloc(og * layout.positions * 4);
    try {
      this.heap.f32(xpad, layout.inputFloats).fill(0);
      this.heap.f32(dyFlat, og * layout.positions).fill(0);
      const interior = xpad + 4 * (conv.pads[0] * layout.paddedW + conv.pads[2]);
      const rowBytes = 4 * dilation[0] * layout.paddedW;
      for (let group = 0; group < groups; group++) {
        const rowBegin = Math.max(outChannels[0] - group * og, 0);
        const rowEnd = Math.min(outChannels[1] - group * og, og);
        if (rowBegin >= rowEnd) continue;
        const rows = rowEnd - rowBegin;
        for (let n = 0; n < batch; n++) {
          const image = x.offset + 4 * (n * channels + group * cg) * height * width;
          kernels.copyPlanes(
            image,
            4 * width,
            4 * height * width,
            interior,
            4 * layout.paddedW,
            4 * layout.planeFloats,
            cg,
            height,
            width,
          );
          const dyRows = dy.offset + 4 * ((n * totalOut + group * og + rowBegin) * outH * outW);
          kernels.copyPlanes(
            dyRows,
            4 * outW,
            4 * outH * outW,
            dyFlat,
            4 * layout.paddedW,
            4 * layout.positions,
            rows,
            outH,
            outW,
          );
          kernels.filterGrad(
            cg,
            rows,
            steps,
            dyFlat,
            4 * layout.positions,
            xpad,
            4 * layout.planeFloats,
            rowBytes,
            dw.offset + 4 * (group * og + rowBegin) * taps,
            4 * taps,
          );
        }
      }
    } finally {
      this.heap.free(dyFlat);
      this.heap.free(xpad);
    }
  }

  /**
   * Runs one flat conv per image in `images`: pads the image, computes the flat output with the
   * packed weights (weight(o, c, kh, kw) gives each one's heap address), compacts it into NCHW.
   */
  private run(
    kernels: DirectKernels,
    conv: FlatConv,
    kernelH: number,
    kernelW: number,
    dilationW: number,
    images: Range,
    weight: (o: number, c: number, kh: number, kw: number) => number,
    at: (n: number) => { input: number; output: number },
  ): void {
    const { mr, nr } = this.tiles;
    const layout = this.layout(conv, kernelH, kernelW, dilationW, nr);
    const { inChannels, outChannels, outH, outW } = conv;
    const panels = Math.ceil(outChannels / mr);
    const depth = inChannels * kernelH * kernelW;
    const panelFloats = depth * mr;
    const packed = this.heap.alloc(panels * panelFloats * 4);
    const taps = this.heap.alloc(depth * 4);
    const xpad = this.heap.alloc(layout.inputFloats * 4);
    const yFlat = this.heap.alloc(outChannels * layout.positions * 4);
    try {
      // Weights as [panel][c][kh][kw][mr], rows past the last channel zero.
      const memory = this.heap.f32(0, this.heap.memory.buffer.byteLength / 4);
      const out = this.heap.f32(packed, panels * panelFloats);
      out.fill(0);
      for (let o = 0; o < outChannels; o++) {
        const base = Math.floor(o / mr) * panelFloats + (o % mr);
        for (let c = 0; c < inChannels; c++)
          for (let kh = 0; kh < kernelH; kh++)
            for (let kw = 0; kw < kernelW; kw++)
              out[base + ((c * kernelH + kh) * kernelW + kw) * mr] =
                memory[weight(o, c, kh, kw) / 4];
      }
      // Each tap's byte offset from a position to the input pixel it reads.
      const offsets = new Int32Array(this.heap.memory.buffer, taps, depth);
      for (let c = 0, k = 0; c < inChannels; c++)
        for (let kh = 0; kh < kernelH; kh++)
          for (let kw = 0; kw < kernelW; kw++, k++)
            offsets[k] =
              4 * (c * layout.planeFloats + kh * conv.dilationH * layout.paddedW + kw * dilationW);
      this.heap.f32(xpad, layout.inputFloats).fill(0);
      const interior = xpad + 4 * (conv.pads[0] * layout.paddedW + conv.pads[2]);
      for (let n = images[0]; n < images[1]; n++) {
        const { input, output } = at(n);
        kernels.copyPlanes(
          input,
          4 * conv.width,
          4 * conv.height * conv.width,
          interior,
          4 * layout.paddedW,
          4 * layout.planeFloats,
          inChannels,
          conv.height,
          conv.width,
        );
        kernels.forward(
          depth,
          packed,
          panelFloats * 4,
          xpad,
          taps,
          outChannels,
          layout.positions,
          yFlat,
          4 * layout.positions,
          0,
        );
        kernels.copyPlanes(
          yFlat,
          4 * layout.paddedW,
          4 * layout.positions,
          output,
          4 * outW,
          4 * outH * outW,
          outChannels,
          outH,
          outW,
        );
      }
    } finally {
      this.heap.free(yFlat);
      this.heap.free(xpad);
      this.heap.free(taps);
      this.heap.free(packed);
    }
  }

  private layout(
    conv: FlatConv,
    kernelH: number,
    kernelW: number,
    dilationW: number,
    tile: number,
  ): FlatLayout {
    const [top, bottom, left, right] = conv.pads;
    const paddedH = conv.height + top + bottom;
    // A row's right padding doubles as the next row's left padding (both zeros), so rows need
    // only the wider of the two: fewer garbage columns in the flat output. The plane gets the
    // last row's right padding as a tail. (Not when padding outreaches the kernel: then outputs
    // would be wider than such a row.)
    const shared = Math.min(left, right) <= (kernelW - 1) * dilationW;
    const paddedW = conv.width + (shared ? Math.max(left, right) : left + right);
    const planeFloats = paddedH * paddedW + left + right;
    const positions = roundUp(conv.outH * paddedW, tile);
    const lastRead =
      positions - 1 + (kernelH - 1) * conv.dilationH * paddedW + (kernelW - 1) * dilationW;
    return {
      paddedH,
      paddedW,
      planeFloats,
      positions,
      inputFloats: (conv.inChannels - 1) * planeFloats + Math.max(planeFloats, lastRead + 1),
    };
  }

  private kernels(kernelH: number, kernelW: number, dilationW: number): DirectKernels {
    const key = `${kernelH}×${kernelW}:${dilationW}`;
    let kernels = this.modules.get(key);
    if (!kernels) {
      const shape: DirectConvShape = {
        kernelH,
        kernelW,
        dilationW,
        ...this.tiles,
        mo: Math.max(1, Math.min(4, Math.floor(12 / (kernelW + 1)))),
        fma: this.fma,
      };
      kernels = instantiateKernels(
        buildDirectConvModule(shape, this.heap.memoryImport()),
        this.heap.memory,
        directConvExportNames,
      );
      this.modules.set(key, kernels);
    }
    return kernels;
  }
}

import type { Conv2dAttrs } from '@loom/graph';
import { buildDirectConvModule, directConvExportNames } from './conv-direct-module.js';
import type { DirectConvShape } from './conv-direct-module.js';
import { flatLayout } from './conv-flat-layout.js';
import type { FlatConv } from './conv-flat-layout.js';
import type { HeapTensor, Range } from './heap-tensor.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels } from './wasm-instance.js';
import type { WasmFunction } from './wasm-instance.js';

type DirectKernels = Record<(typeof directConvExportNames)[number], WasmFunction>;

/** Where weight(o, c, kh, kw) sits: a byte offset and a stride (in floats) per index. */
interface WeightStrides {
  offset: number;
  out: number;
  in: number;
  kh: number;
  kw: number;
}

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

  forward(x: HeapTensor, w: HeapTensor, y: HeapTensor, attrs: Conv2dAttrs, images: Range): void {
    const [, channels, height, width] = x.shape;
    const [outChannels, cg, kernelH, kernelW] = w.shape;
    const [outH, outW] = y.shape.slice(2);
    const { groups, dilation } = attrs;
    const og = outChannels / groups;
    const taps = cg * kernelH * kernelW;
    const conv = forwardConv(x.shape, w.shape, y.shape, attrs);
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
        { offset: wg, out: cg * kernelH * kernelW, in: kernelH * kernelW, kh: kernelW, kw: 1 },
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
        // Output channel c of this conv is dx's, input channel o is dy's; taps run backwards.
        {
          offset: wg + 4 * (kernelH * kernelW - 1),
          out: kernelH * kernelW,
          in: cg * kernelH * kernelW,
          kh: -kernelW,
          kw: -1,
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
    const { groups, dilation } = attrs;
    const og = totalOut / groups;
    const taps = cg * kernelH * kernelW;
    this.heap
      .f32(dw.offset + 4 * outChannels[0] * taps, (outChannels[1] - outChannels[0]) * taps)
      .fill(0);
    if (batch === 0) return;
    const conv = forwardConv(x.shape, dw.shape, dy.shape, attrs);
    const layout = flatLayout(conv, kernelH, kernelW, dilation[1], 4);
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
   * packed weights (weight(o, c, kh, kw) at float `weights.offset / 4 + o·out + c·in + kh·kh +
   * kw·kw`), compacts it into NCHW.
   */
  private run(
    kernels: DirectKernels,
    conv: FlatConv,
    kernelH: number,
    kernelW: number,
    dilationW: number,
    images: Range,
    weight: WeightStrides,
    at: (n: number) => { input: number; output: number },
  ): void {
    const { mr, nr } = this.tiles;
    const layout = flatLayout(conv, kernelH, kernelW, dilationW, nr);
    const { inChannels, outChannels, outH, outW } = conv;
    const panels = Math.ceil(outChannels / mr);
    const depth = inChannels * kernelH * kernelW;
    // Panels of [k][mr weights, tap offset] (see conv-direct-module.ts).
    const stepWords = mr + 1;
    const panelWords = depth * stepWords;
    const packed = this.heap.alloc(panels * panelWords * 4);
    const xpad = this.heap.alloc(layout.inputFloats * 4);
    const yFlat = this.heap.alloc(outChannels * layout.positions * 4);
    try {
      const memory = this.heap.f32(0, this.heap.memory.buffer.byteLength / 4);
      const first = weight.offset / 4;
      const weights = this.heap.f32(packed, panels * panelWords);
      const offsets = new Int32Array(weights.buffer, packed, panels * panelWords);
      weights.fill(0);
      for (let panel = 0; panel < panels; panel++)
        for (let c = 0, k = 0; c < inChannels; c++)
          for (let kh = 0; kh < kernelH; kh++)
            for (let kw = 0; kw < kernelW; kw++, k++) {
              const step = panel * panelWords + k * stepWords;
              for (let r = 0; r < mr && panel * mr + r < outChannels; r++)
                weights[step + r] =
                  memory[
                    first +
                      (panel * mr + r) * weight.out +
                      c * weight.in +
                      kh * weight.kh +
                      kw * weight.kw
                  ];
              offsets[step + mr] =
                4 *
                (c * layout.planeFloats + kh * conv.dilationH * layout.paddedW + kw * dilationW);
            }
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
          panelWords * 4,
          xpad,
          outChannels,
          layout.positions,
          yFlat,
          4 * layout.positions,
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
      this.heap.free(packed);
    }
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

/** One group of the forward conv x ⋆ w → y on the flat padded layout (filterGrad walks the same). */
function forwardConv(
  xShape: readonly number[],
  wShape: readonly number[],
  yShape: readonly number[],
  { groups, padding, dilation }: Conv2dAttrs,
): FlatConv {
  const [, , height, width] = xShape;
  const [outChannels, cg] = wShape;
  const [, , outH, outW] = yShape;
  return {
    inChannels: cg,
    height,
    width,
    pads: [padding[0], padding[1], padding[2], padding[3]],
    dilationH: dilation[0],
    outChannels: outChannels / groups,
    outH,
    outW,
  };
}

import type { Conv2dAttrs } from '@loom/graph';
import { buildLoweringModule, loweringExportNames } from './conv-lowering-module.js';
import type { HeapTensor, Range } from './heap-tensor.js';
import type { WasmGemm } from './wasm-gemm.js';
import { directConvApplies } from './conv-direct-choice.js';
import { WasmDirectConv } from './wasm-direct-conv.js';
import type { DirectConvTiles } from './wasm-direct-conv.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels } from './wasm-instance.js';
import type { WasmFunction } from './wasm-instance.js';

export interface WasmConv2dOptions {
  /**
   * Stride-1 convs on the direct kernels (wasm-direct-conv.ts): 'auto' (default) where they are
   * faster than im2col + GEMM, 'always' wherever they are correct (tests), 'never'.
   */
  direct?: 'auto' | 'always' | 'never';
  tiles?: Partial<DirectConvTiles>;
}

interface Geometry {
  batch: number;
  channels: number;
  height: number;
  width: number;
  outChannels: number;
  kernelH: number;
  kernelW: number;
  outH: number;
  outW: number;
  groups: number;
  /** Input channels per group. */
  cg: number;
  /** Output channels per group. */
  og: number;
  /** Rows of col: cg·kH·kW. */
  taps: number;
  /** Columns of col: outH·outW. */
  positions: number;
}

function geometry(
  xShape: readonly number[],
  wShape: readonly number[],
  yShape: readonly number[],
  groups: number,
): Geometry {
  const [batch, channels, height, width] = xShape;
  const [outChannels, cg, kernelH, kernelW] = wShape;
  const [outH, outW] = yShape.slice(2);
  return {
    batch,
    channels,
    height,
    width,
    outChannels,
    kernelH,
    kernelW,
    outH,
    outW,
    groups,
    cg,
    og: outChannels / groups,
    taps: cg * kernelH * kernelW,
    positions: outH * outW,
  };
}

/** A 1×1, stride-1, unpadded conv: col would be the input itself, so skip lowering. */
function isPointwise(g: Geometry, { stride, padding }: Conv2dAttrs): boolean {
  return (
    g.kernelH === 1 &&
    g.kernelW === 1 &&
    stride[0] === 1 &&
    stride[1] === 1 &&
    padding.every((p) => p === 0)
  );
}

/**
 * conv2d and its two backward passes on heap tensors (NCHW, filters [O, C/groups, kH, kW]).
 * Stride-1 convs run on the direct kernels where conv-direct-choice.ts says they pay (no col
 * matrix at all: see wasm-direct-conv.ts); everything else as im2col + GEMM, per image and group:
 *
 *   forward      y[n, g]   = W[g] · col(x[n, g])                    [og × taps] · [taps × positions]
 *   input grad   dx[n, g] += col2im(W[g]ᵀ · dy[n, g])               [taps × og] · [og × positions]
 *   filter grad  dW[g]    += dy[n, g] · col(x[n, g])ᵀ              [og × positions] · [positions × taps]
 *
 * Transposes are strides given to the GEMM, never copies. The col matrix for one image and group
 * lives in a heap block reserved per call. Ranges let a worker take a share of images (forward,
 * input grad) or of output channels (filter grad).
 */
export class WasmConv2d {
  private readonly lowering: Record<(typeof loweringExportNames)[number], WasmFunction>;
  /** Stride-1 convs skip lowering altogether (see wasm-direct-conv.ts); undefined turns that off. */
  private readonly direct: WasmDirectConv | undefined;
  private readonly alwaysDirect: boolean;

  constructor(
    private readonly heap: WasmHeap,
    private readonly gemm: WasmGemm,
    { direct = 'auto', tiles }: WasmConv2dOptions = {},
  ) {
    this.direct = direct === 'never' ? undefined : new WasmDirectConv(heap, gemm.tile.fma, tiles);
    this.alwaysDirect = direct === 'always';
    this.lowering = instantiateKernels(
      buildLoweringModule(heap.memoryImport()),
      heap.memory,
      loweringExportNames,
    );
  }

  forward(
    x: HeapTensor,
    w: HeapTensor,
    y: HeapTensor,
    attrs: Conv2dAttrs,
    images: Range = [0, x.shape[0]],
  ): void {
    if (this.direct && this.useDirect(x.shape, w.shape, y.shape, attrs, 'forward'))
      return this.direct.forward(x, w, y, attrs, images);
    const g = geometry(x.shape, w.shape, y.shape, attrs.groups);
    const pointwise = isPointwise(g, attrs);
    this.withCol(pointwise ? 0 : g.taps * g.positions, (col) => {
      for (let group = 0; group < g.groups; group++) {
        // The weights are the left factor of every image's product: pack them once.
        const weights = this.gemm.packA(g.og, g.taps, {
          offset: w.offset + 4 * group * g.og * g.taps,
          rowStride: g.taps,
          colStride: 1,
        });
        for (let n = images[0]; n < images[1]; n++) {
          const xg = x.offset + 4 * (n * g.channels + group * g.cg) * g.height * g.width;
          if (!pointwise) this.lower('im2col', xg, g, attrs, col);
          this.gemm.gemm(
            g.og,
            g.positions,
            g.taps,
            weights,
            { offset: pointwise ? xg : col, rowStride: g.positions, colStride: 1 },
            {
              offset: y.offset + 4 * (n * g.outChannels + group * g.og) * g.positions,
              rowStride: g.positions,
            },
          );
        }
        this.gemm.freePacked(weights);
      }
    });
  }

  inputGrad(
    dy: HeapTensor,
    w: HeapTensor,
    dx: HeapTensor,
    attrs: Conv2dAttrs,
    images: Range = [0, dx.shape[0]],
  ): void {
    if (this.direct && this.useDirect(dx.shape, w.shape, dy.shape, attrs, 'inputGrad'))
      return this.direct.inputGrad(dy, w, dx, attrs, images);
    const g = geometry(dx.shape, w.shape, dy.shape, attrs.groups);
    const pointwise = isPointwise(g, attrs);
    const imageFloats = g.channels * g.height * g.width;
    if (!pointwise)
      this.heap
        .f32(dx.offset + 4 * images[0] * imageFloats, (images[1] - images[0]) * imageFloats)
        .fill(0);
    this.withCol(pointwise ? 0 : g.taps * g.positions, (col) => {
      for (let group = 0; group < g.groups; group++) {
        // Wᵀ, packed once for all images.
        const weightsT = this.gemm.packA(g.taps, g.og, {
          offset: w.offset + 4 * group * g.og * g.taps,
          rowStride: 1,
          colStride: g.taps,
        });
        for (let n = images[0]; n < images[1]; n++) {
          const dxg = dx.offset + 4 * (n * g.channels + group * g.cg) * g.height * g.width;
          this.gemm.gemm(
            g.taps,
            g.positions,
            g.og,
            weightsT,
            {
              offset: dy.offset + 4 * (n * g.outChannels + group * g.og) * g.positions,
              rowStride: g.positions,
              colStride: 1,
            },
            { offset: pointwise ? dxg : col, rowStride: g.positions },
          );
          if (!pointwise) this.lower('col2im', dxg, g, attrs, col);
        }
        this.gemm.freePacked(weightsT);
      }
    });
  }

  filterGrad(
    x: HeapTensor,
    dy: HeapTensor,
    dw: HeapTensor,
    attrs: Conv2dAttrs,
    outChannels: Range = [0, dw.shape[0]],
  ): void {
    if (this.direct && this.useDirect(x.shape, dw.shape, dy.shape, attrs, 'filterGrad'))
      return this.direct.filterGrad(x, dy, dw, attrs, outChannels);
    const g = geometry(x.shape, dw.shape, dy.shape, attrs.groups);
    const pointwise = isPointwise(g, attrs);
    if (g.batch === 0) {
      this.heap
        .f32(dw.offset + 4 * outChannels[0] * g.taps, (outChannels[1] - outChannels[0]) * g.taps)
        .fill(0);
      return;
    }
    this.withCol(pointwise ? 0 : g.taps * g.positions, (col) => {
      for (let group = 0; group < g.groups; group++) {
        // This group's share of the requested output channels, as rows of its og × taps block.
        const rowBegin = Math.max(outChannels[0] - group * g.og, 0);
        const rowEnd = Math.min(outChannels[1] - group * g.og, g.og);
        if (rowBegin >= rowEnd) continue;
        const rows = rowEnd - rowBegin;
        // With fewer taps than output channels (a first layer: 9 taps, 32 channels) dWᵀ is the
        // better-shaped product — more columns to fill whole nr-wide tiles — so compute it into a
        // scratch block and transpose that small result.
        const transposed = g.taps < rows ? this.heap.alloc(g.taps * rows * 4) : 0;
        const dwg = dw.offset + 4 * group * g.og * g.taps;
        for (let n = 0; n < g.batch; n++) {
          const xg = x.offset + 4 * (n * g.channels + group * g.cg) * g.height * g.width;
          if (!pointwise) this.lower('im2col', xg, g, attrs, col);
          const dyg = dy.offset + 4 * (n * g.outChannels + group * g.og) * g.positions;
          const lowered = pointwise ? xg : col;
          if (transposed) {
            this.gemm.gemm(
              g.taps,
              rows,
              g.positions,
              { offset: lowered, rowStride: g.positions, colStride: 1 },
              { offset: dyg + 4 * rowBegin * g.positions, rowStride: 1, colStride: g.positions },
              { offset: transposed, rowStride: rows },
              { accumulate: n > 0 },
            );
          } else {
            this.gemm.gemm(
              g.og,
              g.taps,
              g.positions,
              { offset: dyg, rowStride: g.positions, colStride: 1 },
              { offset: lowered, rowStride: 1, colStride: g.positions },
              { offset: dwg, rowStride: g.taps },
              { accumulate: n > 0, rowBegin, rowEnd },
            );
          }
        }
        if (transposed) {
          const from = this.heap.f32(transposed, g.taps * rows);
          const to = this.heap.f32(dwg + 4 * rowBegin * g.taps, rows * g.taps);
          for (let t = 0; t < g.taps; t++)
            for (let o = 0; o < rows; o++) to[o * g.taps + t] = from[t * rows + o];
          this.heap.free(transposed);
        }
      }
    });
  }

  private useDirect(
    xShape: readonly number[],
    wShape: readonly number[],
    yShape: readonly number[],
    attrs: Conv2dAttrs,
    pass: 'forward' | 'inputGrad' | 'filterGrad',
  ): boolean {
    return directConvApplies(xShape, wShape, yShape, attrs, pass, this.alwaysDirect);
  }

  private lower(
    which: 'im2col' | 'col2im',
    image: number,
    g: Geometry,
    attrs: Conv2dAttrs,
    col: number,
  ): void {
    const { stride, dilation, padding } = attrs;
    this.lowering[which](
      image,
      g.cg,
      g.height,
      g.width,
      g.kernelH,
      g.kernelW,
      stride[0],
      stride[1],
      dilation[0],
      dilation[1],
      padding[0],
      padding[2],
      g.outH,
      g.outW,
      col,
      4 * g.positions,
      4,
    );
  }

  /** Runs `body` with a heap block of `floats` floats for col, freed afterwards. */
  private withCol(floats: number, body: (col: number) => void): void {
    const col = floats > 0 ? this.heap.alloc(floats * 4) : 0;
    try {
      body(col);
    } finally {
      if (col) this.heap.free(col);
    }
  }
}

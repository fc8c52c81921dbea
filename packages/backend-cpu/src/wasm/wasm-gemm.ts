import { buildGemmModule, gemmExportNames } from './gemm-module.js';
import type { MicroTile } from './gemm-micro-kernel.js';
import { detectWasmFeatures } from './simd-support.js';
import type { WasmHeap } from './wasm-heap.js';
import { instantiateKernels } from './wasm-instance.js';
import type { WasmFunction } from './wasm-instance.js';

/**
 * A float32 matrix in the heap: element (i, j) sits at byte `offset + 4·(i·rowStride + j·colStride)`.
 * Strides are in elements; a transposed operand is the same buffer with its strides swapped.
 */
export interface MatrixRef {
  offset: number;
  rowStride: number;
  colStride: number;
}

/**
 * An A operand packed once at full depth by `WasmGemm.packA`, for several products with the same
 * left factor (conv weights across the images of a batch). Free it with `WasmGemm.freePacked`.
 */
export interface PackedA {
  packed: true;
  offset: number;
  rows: number;
  depth: number;
}

/** Cache blocking: A blocks are mc × kc (kept in L2), B blocks kc × nc (in L2/L3). */
export interface GemmBlocking {
  mc: number;
  kc: number;
  nc: number;
}

export interface GemmOptions {
  /** Add into C instead of overwriting it. */
  accumulate?: boolean;
  /** Compute only rows [rowBegin, rowEnd) of C, e.g. one worker's share. */
  rowBegin?: number;
  rowEnd?: number;
}

export interface WasmGemmOptions {
  /** Use relaxed-SIMD FMA; defaults to whether the engine validates it. */
  fma?: boolean;
  mr?: number;
  nr?: number;
  unroll?: number;
  blocking?: Partial<GemmBlocking>;
}

// 5×8 tiles and these blocks measured best on Zen 3 (32 KB L1, 512 KB L2) for N = 128…1024; the
// blocking barely matters there (±3%), the tile shape a lot (4×8: −15%, 6×8 without FMA: −35%).
const defaultBlocking: GemmBlocking = { mc: 120, kc: 384, nc: 2048 };

/**
 * C[m×n] (+)= A[m×k] · B[k×n] on heap matrices, with a generated WASM SIMD kernel: B is packed
 * into nr-column panels and A into mr-row panels one cache block at a time, and the micro-kernel
 * accumulates an mr × nr tile of C in registers. The packing workspace belongs to this object, so
 * each thread that runs row blocks of the same product needs its own WasmGemm.
 */
export class WasmGemm {
  readonly tile: MicroTile;
  readonly blocking: GemmBlocking;
  private readonly kernels: Record<(typeof gemmExportNames)[number], WasmFunction>;
  private workspace = 0;
  private workspaceBytes = 0;

  constructor(
    private readonly heap: WasmHeap,
    { fma, mr = 5, nr = 8, unroll = 1, blocking }: WasmGemmOptions = {},
  ) {
    const features = detectWasmFeatures();
    if (!features.simd) throw new Error('WasmGemm: this engine has no WebAssembly SIMD');
    const useFma = fma ?? features.relaxedSimd;
    if (useFma && !features.relaxedSimd) {
      throw new Error('WasmGemm: FMA requested, but this engine does not validate relaxed SIMD');
    }
    this.tile = { mr, nr, unroll, fma: useFma };
    this.blocking = { ...defaultBlocking, ...blocking };
    this.kernels = instantiateKernels(
      buildGemmModule(this.tile, heap.memoryImport()),
      heap.memory,
      gemmExportNames,
    );
  }

  /** Packs all of A (rows × depth) into mr-row panels over the full depth, in a new heap block. */
  packA(rows: number, depth: number, a: MatrixRef): PackedA {
    const { mr } = this.tile;
    const offset = this.heap.alloc(Math.max(1, roundUp(rows, mr) * depth) * 4);
    this.kernels.packA(a.offset, a.rowStride * 4, a.colStride * 4, rows, depth, offset);
    return { packed: true, offset, rows, depth };
  }

  freePacked(a: PackedA): void {
    this.heap.free(a.offset);
  }

  /**
   * C (+)= A · B, where C's rows are `c.rowStride` elements apart and its columns contiguous. A may
   * be pre-packed (then a row range must start at a multiple of mr, where its panels start).
   */
  gemm(
    m: number,
    n: number,
    k: number,
    a: MatrixRef | PackedA,
    b: MatrixRef,
    c: { offset: number; rowStride: number },
    { accumulate = false, rowBegin = 0, rowEnd = m }: GemmOptions = {},
  ): void {
    if (rowBegin < 0 || rowEnd > m || rowBegin > rowEnd) {
      throw new RangeError(`gemm: rows [${rowBegin}, ${rowEnd}) outside [0, ${m})`);
    }
    const { mr, nr } = this.tile;
    if ('packed' in a && (a.rows !== m || a.depth !== k || rowBegin % mr !== 0)) {
      throw new RangeError(
        `gemm: A packed as ${a.rows}×${a.depth} used as ${m}×${k} from row ${rowBegin} (mr = ${mr})`,
      );
    }
    if (rowBegin === rowEnd || n === 0) return;
    if (k === 0) {
      if (!accumulate) this.zeroRows(c, rowBegin, rowEnd, n);
      return;
    }
    const { packA, packB, macro } = this.kernels;
    // Equal K blocks: a short last block would pay the tile's C load and store for little work.
    const kcMax = Math.ceil(k / Math.ceil(k / this.blocking.kc));
    // A whole number of mr-row panels per block, or every block would end in an edge tile.
    const mcMax = Math.min(
      Math.max(mr, this.blocking.mc - (this.blocking.mc % mr)),
      rowEnd - rowBegin,
    );
    const ncMax = Math.min(this.blocking.nc, n);
    const aBytes = 'packed' in a ? 0 : roundUp(mcMax, mr) * kcMax * 4;
    const bBytes = roundUp(ncMax, nr) * kcMax * 4;
    const base = this.reserve(aBytes + bBytes + mr * nr * 4);
    const packedB = base + aBytes;
    const scratch = packedB + bBytes;
    const ldc = c.rowStride * 4;

    for (let jc = 0; jc < n; jc += ncMax) {
      const nc = Math.min(ncMax, n - jc);
      for (let pc = 0; pc < k; pc += kcMax) {
        const kc = Math.min(kcMax, k - pc);
        const bBlock = b.offset + 4 * (pc * b.rowStride + jc * b.colStride);
        packB(bBlock, b.colStride * 4, b.rowStride * 4, nc, kc, packedB);
        const add = accumulate || pc > 0 ? 1 : 0;
        for (let ic = rowBegin; ic < rowEnd; ic += mcMax) {
          const mc = Math.min(mcMax, rowEnd - ic);
          const cBlock = c.offset + 4 * (ic * c.rowStride + jc);
          if ('packed' in a) {
            const panels = a.offset + 4 * (ic * k + pc * mr);
            macro(mc, nc, kc, panels, k * mr * 4, packedB, cBlock, ldc, add, scratch);
          } else {
            packA(
              a.offset + 4 * (ic * a.rowStride + pc * a.colStride),
              a.rowStride * 4,
              a.colStride * 4,
              mc,
              kc,
              base,
            );
            macro(mc, nc, kc, base, kc * mr * 4, packedB, cBlock, ldc, add, scratch);
          }
        }
      }
    }
  }

  /** Frees the packing workspace; the object stays usable and reserves it again on demand. */
  dispose(): void {
    if (this.workspace) this.heap.free(this.workspace);
    this.workspace = 0;
    this.workspaceBytes = 0;
  }

  private reserve(bytes: number): number {
    if (bytes > this.workspaceBytes) {
      this.dispose();
      this.workspace = this.heap.alloc(bytes);
      this.workspaceBytes = bytes;
    }
    return this.workspace;
  }

  private zeroRows(
    c: { offset: number; rowStride: number },
    begin: number,
    end: number,
    n: number,
  ) {
    for (let i = begin; i < end; i++) this.heap.f32(c.offset + 4 * i * c.rowStride, n).fill(0);
  }
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

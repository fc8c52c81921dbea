import type { FunctionBody, Local } from './function-body.js';
import { addConst, forUp, whileAtLeast } from './loops.js';
import type { ModuleBuilder } from './module-builder.js';
import { Op, SimdOp, ValType } from './opcodes.js';

const { i32, v128 } = ValType;

/** The register tile of the GEMM micro-kernel and how it multiplies. */
export interface MicroTile {
  /** Rows of C per tile (each row's NR columns live in NR/4 f32x4 accumulators). */
  mr: number;
  /** Columns of C per tile; a multiple of 4. */
  nr: number;
  /**
   * k steps per loop iteration, addressed through immediate offsets. Measured on V8 11.3 (Node 20) / Zen 3,
   * 1 is fastest by far (unrolling 2 or 4 drops 5×8 from ~35 to ~22 GFLOP/s), so it is the
   * default; the option stays for other engines and CPUs.
   */
  unroll: number;
  /** Multiply-add with relaxed SIMD (`f32x4.relaxed_madd`) instead of f32x4.mul + f32x4.add. */
  fma: boolean;
}

export function checkTile({ mr, nr, unroll }: MicroTile): void {
  if (mr < 1 || nr < 4 || nr % 4 !== 0 || unroll < 1) {
    throw new RangeError(
      `micro-tile ${mr}×${nr} (unroll ${unroll}): need mr ≥ 1, nr a multiple of 4`,
    );
  }
}

/**
 * kernel(kc, pa, pb, c, ldcBytes, accumulate): C[mr×nr] (+)= Apanel · Bpanel for one full tile.
 *
 * Apanel holds kc steps of mr floats (a column of the tile's A rows per step), Bpanel kc steps of
 * nr floats, both packed contiguously so each step is nr/4 vector loads plus mr broadcast loads.
 * The mr·nr/4 accumulators stay in locals, which V8 keeps in registers as long as they fit: the
 * default 5×8 uses 10 accumulators + 2 B vectors + 1 broadcast (+1 product without FMA) of the 15
 * xmm registers V8 allocates on x64; 6×8 spills without FMA, 4×8 leaves throughput unused.
 */
export function emitMicroKernel(module: ModuleBuilder, tile: MicroTile): FunctionBody {
  checkTile(tile);
  const { mr, nr, unroll, fma } = tile;
  const vectors = nr / 4;
  const f = module.function([i32, i32, i32, i32, i32, i32], [], 'kernel');
  const [kc, pa, pb, c, ldc, accumulate] = [0, 1, 2, 3, 4, 5].map((i) => f.param(i));
  const acc: Local[][] = Array.from({ length: mr }, () =>
    Array.from({ length: vectors }, () => f.local(v128)),
  );
  const b = Array.from({ length: vectors }, () => f.local(v128));
  const a = f.local(v128);

  const step = (u: number) => {
    for (let v = 0; v < vectors; v++)
      f.get(pb)
        .v128Load((u * nr + v * 4) * 4)
        .set(b[v]);
    for (let r = 0; r < mr; r++) {
      f.get(pa)
        .load32Splat((u * mr + r) * 4)
        .set(a);
      for (let v = 0; v < vectors; v++) {
        if (fma) f.get(a).get(b[v]).get(acc[r][v]).simd(SimdOp.f32x4RelaxedMadd);
        else f.get(acc[r][v]).get(a).get(b[v]).simd(SimdOp.f32x4Mul).simd(SimdOp.f32x4Add);
        f.set(acc[r][v]);
      }
    }
  };

  if (unroll > 1) {
    whileAtLeast(f, kc, unroll, () => {
      for (let u = 0; u < unroll; u++) step(u);
      addConst(f, pa, unroll * mr * 4);
      addConst(f, pb, unroll * nr * 4);
    });
  }
  // The remaining steps as a do-while that ends when pb reaches its end: the fewest integer
  // instructions per step, which matters because V8 adds a stack check to every iteration and
  // the FP work per step is only mr·nr/4 multiply-adds.
  const pbEnd = f.local(i32);
  f.get(kc)
    .i32(0)
    .op(Op.i32GtS)
    .if(() => {
      f.get(pb)
        .get(kc)
        .i32(nr * 4)
        .op(Op.i32Mul)
        .op(Op.i32Add)
        .set(pbEnd);
      f.loop(() => {
        step(0);
        addConst(f, pa, mr * 4);
        addConst(f, pb, nr * 4);
        f.get(pb).get(pbEnd).op(Op.i32Ne).brIf(0);
      });
    });

  // One branch outside the hot loop: overwrite C, or add to what is there (K blocks after the first).
  const store = (add: boolean) => {
    for (let r = 0; r < mr; r++) {
      for (let v = 0; v < vectors; v++) {
        f.get(c);
        if (add)
          f.get(c)
            .v128Load(v * 16)
            .get(acc[r][v])
            .simd(SimdOp.f32x4Add);
        else f.get(acc[r][v]);
        f.v128Store(v * 16);
      }
      if (r < mr - 1) f.get(c).get(ldc).op(Op.i32Add).set(c);
    }
  };
  f.get(accumulate).if(
    () => store(true),
    () => store(false),
  );
  return f;
}

/**
 * edge(kc, pa, pb, c, ldcBytes, accumulate, rows, cols, scratch): a tile cut by the matrix edge.
 * The full kernel writes a whole tile into `scratch` (packed panels are zero-padded, so that is
 * safe), and only the rows × cols that exist are copied or added into C.
 */
export function emitEdgeKernel(
  module: ModuleBuilder,
  tile: MicroTile,
  kernel: FunctionBody,
): FunctionBody {
  const { nr } = tile;
  const f = module.function([i32, i32, i32, i32, i32, i32, i32, i32, i32], [], 'edge');
  const [kc, pa, pb, c, ldc, accumulate, rows, cols, scratch] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(
    (i) => f.param(i),
  );
  f.get(kc)
    .get(pa)
    .get(pb)
    .get(scratch)
    .i32(nr * 4)
    .i32(0)
    .call(kernel);
  const r = f.local(i32);
  const j = f.local(i32);
  const from = f.local(i32);
  const to = f.local(i32);
  const value = f.local(ValType.f32);
  const vector = f.local(v128);
  forUp(f, r, rows, 1, () => {
    f.i32(0).set(j);
    f.get(scratch)
      .get(r)
      .i32(nr * 4)
      .op(Op.i32Mul)
      .op(Op.i32Add)
      .set(from);
    f.get(c).get(r).get(ldc).op(Op.i32Mul).op(Op.i32Add).set(to);
    // Tiles cut only by the last rows keep whole rows: move those as vectors.
    const wholeRow = () => {
      for (let v = 0; v < nr / 4; v++) {
        f.get(from)
          .v128Load(v * 16)
          .set(vector);
        f.get(accumulate).if(() =>
          f
            .get(vector)
            .get(to)
            .v128Load(v * 16)
            .simd(SimdOp.f32x4Add)
            .set(vector),
        );
        f.get(to)
          .get(vector)
          .v128Store(v * 16);
      }
    };
    const partialRow = () =>
      forUp(f, j, cols, 1, () => {
        f.get(from).f32Load().set(value);
        f.get(accumulate).if(() => f.get(value).get(to).f32Load().op(Op.f32Add).set(value));
        f.get(to).get(value).f32Store();
        addConst(f, from, 4);
        addConst(f, to, 4);
      });
    f.get(cols).i32(nr).op(Op.i32Eq).if(wholeRow, partialRow);
  });
  return f;
}

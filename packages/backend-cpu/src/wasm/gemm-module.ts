import { emitEdgeKernel, emitMicroKernel } from './gemm-micro-kernel.js';
import type { MicroTile } from './gemm-micro-kernel.js';
import { emitPack } from './gemm-packing.js';
import { addConst, addLocal, forUp } from './loops.js';
import { ModuleBuilder } from './module-builder.js';
import type { MemoryImport } from './module-builder.js';
import { Op, ValType } from './opcodes.js';

const { i32 } = ValType;

/** The functions a GEMM module exports (pointers and strides in bytes). */
export const gemmExportNames = ['packA', 'packB', 'macro'] as const;

/**
 * macro(mc, nc, kc, pa, aStride, pb, c, ldcBytes, accumulate, scratch): walks one packed A block and one
 * packed B block tile by tile — B panels outside, A panels inside, so one B panel (kc·nr floats)
 * stays in L1 while the A panels stream from L2 — sending tiles cut by the edge to `edge`. A panels
 * are `aStride` bytes apart: kc·mr·4 for a block packed per call, K·mr·4 inside an A packed once
 * at full depth (see WasmGemm.packA).
 */
function emitMacroKernel(module: ModuleBuilder, tile: MicroTile, kernel: number, edge: number) {
  const { mr, nr } = tile;
  const f = module.function([i32, i32, i32, i32, i32, i32, i32, i32, i32, i32], [], 'macro');
  const [mc, nc, kc, pa, aStep, pb, c, ldc, accumulate, scratch] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  ].map((i) => f.param(i));
  const [jr, ir, rowsLeft, colsLeft, aPanel, bPanel, cColumn, cTile, bStep, cStep] = Array.from(
    { length: 10 },
    () => f.local(i32),
  );
  f.get(kc)
    .i32(nr * 4)
    .op(Op.i32Mul)
    .set(bStep);
  f.get(ldc).i32(mr).op(Op.i32Mul).set(cStep);
  f.get(pb).set(bPanel);
  f.get(c).set(cColumn);
  forUp(f, jr, nc, nr, () => {
    f.get(nc).get(jr).op(Op.i32Sub).set(colsLeft);
    f.i32(0).set(ir);
    f.get(pa).set(aPanel);
    f.get(cColumn).set(cTile);
    forUp(f, ir, mc, mr, () => {
      f.get(mc).get(ir).op(Op.i32Sub).set(rowsLeft);
      f.get(rowsLeft).i32(mr).op(Op.i32GeS).get(colsLeft).i32(nr).op(Op.i32GeS).op(Op.i32And);
      f.if(
        () => f.get(kc).get(aPanel).get(bPanel).get(cTile).get(ldc).get(accumulate).call(kernel),
        () => {
          f.get(kc).get(aPanel).get(bPanel).get(cTile).get(ldc).get(accumulate);
          f.get(rowsLeft).i32(mr).get(rowsLeft).i32(mr).op(Op.i32LtS).op(Op.select);
          f.get(colsLeft).i32(nr).get(colsLeft).i32(nr).op(Op.i32LtS).op(Op.select);
          f.get(scratch).call(edge);
        },
      );
      addLocal(f, aPanel, aStep);
      addLocal(f, cTile, cStep);
    });
    addLocal(f, bPanel, bStep);
    addConst(f, cColumn, nr * 4);
  });
}

/** The bytes of a GEMM module for `tile`, linked against `memory`. */
export function buildGemmModule(tile: MicroTile, memory: MemoryImport): Uint8Array<ArrayBuffer> {
  const module = new ModuleBuilder(memory);
  const kernel = emitMicroKernel(module, tile);
  const edge = emitEdgeKernel(module, tile, kernel);
  emitMacroKernel(module, tile, kernel.index, edge.index);
  emitPack(module, 'packA', tile.mr);
  emitPack(module, 'packB', tile.nr);
  return module.toBytes();
}

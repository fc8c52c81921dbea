import type { FunctionBody, Local } from './function-body.js';
import { addConst, forUp, whileAtLeast } from './loops.js';
import { ModuleBuilder } from './module-builder.js';
import type { MemoryImport } from './module-builder.js';
import { Op, SimdOp, ValType } from './opcodes.js';

const { i32, f32, f64, v128 } = ValType;

/** The functions a reduction module exports: (x, rows, cols, out[, scratch]), pointers in bytes. */
export const reduceExportNames = ['sumRows', 'maxRows', 'sumColumns'] as const;

/** Moves lanes 2 and 3 of a f32x4 into lanes 0 and 1, so promote_low can widen them. */
const highHalf = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

/** `acc += f64(lanes 0, 1 of v)` and `acc2 += f64(lanes 2, 3 of v)` for the vector on the stack's local. */
function addWidened(f: FunctionBody, v: Local, low: Local, high: Local): void {
  f.get(low).get(v).simd(SimdOp.f64x2PromoteLowF32x4).simd(SimdOp.f64x2Add).set(low);
  f.get(high)
    .get(v)
    .get(v)
    .shuffle(highHalf)
    .simd(SimdOp.f64x2PromoteLowF32x4)
    .simd(SimdOp.f64x2Add)
    .set(high);
}

/** Pushes the f64 sum of both lanes of each f64x2 local. */
function pushLaneSum(f: FunctionBody, vectors: readonly Local[]): void {
  vectors.forEach((acc, i) => {
    f.get(acc)
      .extractLane(SimdOp.f64x2ExtractLane, 0)
      .get(acc)
      .extractLane(SimdOp.f64x2ExtractLane, 1)
      .op(Op.f64Add);
    if (i > 0) f.op(Op.f64Add);
  });
}

/**
 * sumRows(x, rows, cols, out): out[r] = Σ_j x[r, j], accumulated in float64 as the reference
 * kernels do (each f32x4 is widened to two f64x2), eight floats per iteration into four
 * independent accumulators so the adds' latency overlaps.
 */
function emitSumRows(module: ModuleBuilder): void {
  const f = module.function([i32, i32, i32, i32], [], 'sumRows');
  const [x, rows, cols, out] = [0, 1, 2, 3].map((i) => f.param(i));
  const [r, left] = [f.local(i32), f.local(i32)];
  const acc = [f.local(v128), f.local(v128), f.local(v128), f.local(v128)];
  const [v, w] = [f.local(v128), f.local(v128)];
  const scalar = f.local(f64);
  f.i32(0).set(r);
  forUp(f, r, rows, 1, () => {
    for (const a of acc) f.f32x4Const(0).set(a);
    f.f32(0).op(Op.f64PromoteF32).set(scalar);
    f.get(cols).set(left);
    whileAtLeast(f, left, 8, () => {
      f.get(x).v128Load(0).set(v);
      f.get(x).v128Load(16).set(w);
      addWidened(f, v, acc[0], acc[1]);
      addWidened(f, w, acc[2], acc[3]);
      addConst(f, x, 32);
    });
    whileAtLeast(f, left, 1, () => {
      f.get(scalar).get(x).f32Load().op(Op.f64PromoteF32).op(Op.f64Add).set(scalar);
      addConst(f, x, 4);
    });
    f.get(out);
    pushLaneSum(f, acc);
    f.get(scalar).op(Op.f64Add).op(Op.f32DemoteF64).f32Store();
    addConst(f, out, 4);
  });
}

/**
 * maxRows(x, rows, cols, out): out[r] = max_j x[r, j], NaN if any element is NaN, −∞ for an
 * empty row — the reference's semantics. Wasm's f32x4.max has them too but costs V8 about seven
 * x86 instructions (NaN and ±0 fix-ups); f32x4.pmax is one `maxps`, so the loop takes pmax and
 * records NaNs on the side (x ≠ x), answering NaN at the end if it saw one.
 */
function emitMaxRows(module: ModuleBuilder): void {
  const f = module.function([i32, i32, i32, i32], [], 'maxRows');
  const [x, rows, cols, out] = [0, 1, 2, 3].map((i) => f.param(i));
  const [r, left] = [f.local(i32), f.local(i32)];
  const [m0, m1, nan, v, w] = Array.from({ length: 5 }, () => f.local(v128));
  const scalar = f.local(f32);
  const sawNaN = (vector: Local) =>
    f.get(nan).get(vector).get(vector).simd(SimdOp.f32x4Ne).simd(SimdOp.v128Or).set(nan);
  f.i32(0).set(r);
  forUp(f, r, rows, 1, () => {
    f.f32x4Const(-Infinity).set(m0);
    f.f32x4Const(-Infinity).set(m1);
    f.f32x4Const(0).set(nan);
    f.f32(-Infinity).set(scalar);
    f.get(cols).set(left);
    whileAtLeast(f, left, 8, () => {
      f.get(x).v128Load(0).set(v);
      f.get(x).v128Load(16).set(w);
      f.get(m0).get(v).simd(SimdOp.f32x4Pmax).set(m0);
      f.get(m1).get(w).simd(SimdOp.f32x4Pmax).set(m1);
      sawNaN(v);
      sawNaN(w);
      addConst(f, x, 32);
    });
    // The tail, in scalar f32.max, which propagates NaN by itself.
    whileAtLeast(f, left, 1, () => {
      f.get(scalar).get(x).f32Load().op(Op.f32Max).set(scalar);
      addConst(f, x, 4);
    });
    f.get(m0).get(m1).simd(SimdOp.f32x4Pmax).set(m0);
    // out[r] = sawNaN ? NaN : max(tail, lanes of m0)
    f.get(out).f32(Number.NaN).get(scalar);
    for (let lane = 0; lane < 4; lane++) {
      f.get(m0).extractLane(SimdOp.f32x4ExtractLane, lane).op(Op.f32Max);
    }
    f.get(nan).simd(SimdOp.v128AnyTrue).op(Op.select).f32Store();
    addConst(f, out, 4);
  });
}

/**
 * sumColumns(x, rows, cols, stride, out, scratch): out[j] = Σ_r x[r, j], rows `stride` bytes
 * apart (4 · cols for a whole tensor; more for a range of its columns) — a reduction over leading axes,
 * as in a bias gradient. Rows stream through in order, each added into a float64 accumulator
 * per column kept at `scratch` (cols · 8 bytes, small enough for L1 or L2), so the adds are
 * independent of each other and every column sums in the reference's order.
 */
function emitSumColumns(module: ModuleBuilder): void {
  const f = module.function([i32, i32, i32, i32, i32, i32], [], 'sumColumns');
  const [row, rows, cols, stride, out, scratch] = [0, 1, 2, 3, 4, 5].map((i) => f.param(i));
  const [r, j, a, left, x] = [f.local(i32), f.local(i32), f.local(i32), f.local(i32), f.local(i32)];
  const v = f.local(v128);
  f.i32(0).set(j);
  forUp(f, j, cols, 1, () => {
    f.get(scratch).get(j).i32(8).op(Op.i32Mul).op(Op.i32Add).f32(0).op(Op.f64PromoteF32);
    f.memory(Op.f64Store, 0, 3);
  });
  f.i32(0).set(r);
  forUp(f, r, rows, 1, () => {
    f.get(row).set(x);
    f.get(row).get(stride).op(Op.i32Add).set(row);
    f.get(scratch).set(a);
    f.get(cols).set(left);
    whileAtLeast(f, left, 4, () => {
      f.get(x).v128Load().set(v);
      f.get(a).get(a).v128Load(0).get(v).simd(SimdOp.f64x2PromoteLowF32x4);
      f.simd(SimdOp.f64x2Add).v128Store(0);
      f.get(a).get(a).v128Load(16).get(v).get(v).shuffle(highHalf);
      f.simd(SimdOp.f64x2PromoteLowF32x4).simd(SimdOp.f64x2Add).v128Store(16);
      addConst(f, x, 16);
      addConst(f, a, 32);
    });
    whileAtLeast(f, left, 1, () => {
      f.get(a).get(a).memory(Op.f64Load, 0, 3).get(x).f32Load().op(Op.f64PromoteF32);
      f.op(Op.f64Add).memory(Op.f64Store, 0, 3);
      addConst(f, x, 4);
      addConst(f, a, 8);
    });
  });
  f.i32(0).set(j);
  forUp(f, j, cols, 1, () => {
    f.get(out).get(j).i32(4).op(Op.i32Mul).op(Op.i32Add);
    f.get(scratch).get(j).i32(8).op(Op.i32Mul).op(Op.i32Add).memory(Op.f64Load, 0, 3);
    f.op(Op.f32DemoteF64).f32Store();
  });
}

/** The bytes of the reduction module, linked against `memory`. */
export function buildReduceModule(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  const module = new ModuleBuilder(memory);
  emitSumRows(module);
  emitMaxRows(module);
  emitSumColumns(module);
  return module.toBytes();
}

import type { FunctionBody, Local } from './function-body.js';
import { addConst, forUp, whileAtLeast } from './loops.js';
import { ModuleBuilder, type MemoryImport } from './module-builder.js';
import { Op, SimdOp, ValType } from './opcodes.js';

const { i32, v128 } = ValType;

/** The functions a pooling module exports: maxPool2x2(x, y, planes, h, w) and the gradient. */
export const poolExportNames = ['maxPool2x2', 'maxPool2x2Grad'] as const;

/** Even and odd f32 lanes of two vectors: [a0 a2 b0 b2] and [a1 a3 b1 b3]. */
const evenLanes = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const oddLanes = [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];
/** Interleaved halves of two vectors: [a0 b0 a1 b1] and [a2 b2 a3 b3]. */
const lowInterleave = [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23];
const highInterleave = [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31];

interface Window {
  /** The window's four elements in reading order (row 0 left, right; row 1 left, right). */
  a: Local;
  b: Local;
  c: Local;
  d: Local;
  best: Local;
  /** Lane masks: b, c, d took the lead when they were read (a leads unless one of them did). */
  wb: Local;
  wc: Local;
  wd: Local;
}

function windowLocals(f: FunctionBody): Window {
  const l = () => f.local(v128);
  return { a: l(), b: l(), c: l(), d: l(), best: l(), wb: l(), wc: l(), wd: l() };
}

/**
 * Loads `width` (4 or 1) windows of rows r0 and r1 and finds each window's first maximum as the
 * reference does: a later element takes the lead when it is greater, or when it is NaN and the
 * lead is not. So the result is the first NaN if there is one, else the first largest element.
 */
function emitWindows(f: FunctionBody, w: Window, r0: Local, r1: Local, width: 4 | 1): void {
  const [lo, hi] = [f.local(v128), f.local(v128)];
  const split = (row: Local, even: Local, odd: Local) => {
    if (width === 4) f.get(row).v128Load(0).set(lo).get(row).v128Load(16).set(hi);
    else f.get(row).load64Zero().tee(lo).set(hi);
    f.get(lo).get(hi).shuffle(evenLanes).set(even);
    f.get(lo).get(hi).shuffle(oddLanes).set(odd);
  };
  split(r0, w.a, w.b);
  split(r1, w.c, w.d);
  f.get(w.a).set(w.best);
  for (const [v, lead] of [[w.b, w.wb], [w.c, w.wc], [w.d, w.wd]] as const) {
    // lead = v > best || (v ≠ v && best = best)
    f.get(v).get(w.best).simd(SimdOp.f32x4Gt);
    f.get(v).get(v).simd(SimdOp.f32x4Ne).get(w.best).get(w.best).simd(SimdOp.f32x4Eq).simd(SimdOp.v128And);
    f.simd(SimdOp.v128Or).set(lead);
    f.get(v).get(w.best).get(lead).simd(SimdOp.v128Bitselect).set(w.best);
  }
}

/** Per plane, per output row: the row pointers of the two input rows, and `body` over its windows. */
function forEachOutputRow(
  f: FunctionBody,
  p: { x: Local; planes: Local; h: Local; w: Local },
  body: (r0: Local, r1: Local, left: Local) => void,
): void {
  const [plane, oh, outH, rowBytes, planeBase, r0, r1, left, outW] = Array.from({ length: 9 }, () => f.local(i32));
  f.get(p.h).i32(1).op(Op.i32ShrS).set(outH);
  f.get(p.w).i32(1).op(Op.i32ShrS).set(outW);
  f.get(p.w).i32(4).op(Op.i32Mul).set(rowBytes);
  f.get(p.x).set(planeBase);
  f.i32(0).set(plane);
  forUp(f, plane, p.planes, 1, () => {
    f.i32(0).set(oh);
    forUp(f, oh, outH, 1, () => {
      f.get(planeBase).get(oh).get(rowBytes).op(Op.i32Mul).i32(2).op(Op.i32Mul).op(Op.i32Add).set(r0);
      f.get(r0).get(rowBytes).op(Op.i32Add).set(r1);
      f.get(outW).set(left);
      body(r0, r1, left);
    });
    f.get(planeBase).get(p.h).get(rowBytes).op(Op.i32Mul).op(Op.i32Add).set(planeBase);
  });
}

/** maxPool2x2(x, y, planes, h, w): y[p, i, j] = max of x[p, 2i..2i+1, 2j..2j+1] (floor mode). */
function emitForward(module: ModuleBuilder): void {
  const f = module.function([i32, i32, i32, i32, i32], [], 'maxPool2x2');
  const p = f.namedParams(['x', 'y', 'planes', 'h', 'w']);
  const win = windowLocals(f);
  forEachOutputRow(f, p, (r0, r1, left) => {
    for (const width of [4, 1] as const) {
      whileAtLeast(f, left, width, () => {
        emitWindows(f, win, r0, r1, width);
        f.get(p.y).get(win.best);
        if (width === 4) f.v128Store();
        else f.extractLane(SimdOp.f32x4ExtractLane, 0).f32Store();
        addConst(f, p.y, 4 * width);
        addConst(f, r0, 8 * width);
        addConst(f, r1, 8 * width);
      });
    }
  });
}

/**
 * maxPool2x2Grad(x, dy, dx, planes, h, w): each window's dy goes to its first maximum, zeros to
 * the other three. Rows and columns that no window covers (odd h or w) are left alone: the caller
 * zeroes dx first in that case.
 */
function emitBackward(module: ModuleBuilder): void {
  const f = module.function([i32, i32, i32, i32, i32, i32], [], 'maxPool2x2Grad');
  const p = f.namedParams(['x', 'dy', 'dx', 'planes', 'h', 'w']);
  const win = windowLocals(f);
  const [g, others, delta] = [f.local(v128), f.local(v128), f.local(i32)];
  const [ga, gb, gc, gd] = [f.local(v128), f.local(v128), f.local(v128), f.local(v128)];
  f.get(p.dx).get(p.x).op(Op.i32Sub).set(delta);
  forEachOutputRow(f, p, (r0, r1, left) => {
    for (const width of [4, 1] as const) {
      whileAtLeast(f, left, width, () => {
        emitWindows(f, win, r0, r1, width);
        if (width === 4) f.get(p.dy).v128Load().set(g);
        else f.get(p.dy).load32Splat().set(g);
        // d wins where it led last; c where it led and d did not; and so on back to a.
        f.get(g).get(win.wd).simd(SimdOp.v128And).set(gd);
        f.get(g).get(win.wc).simd(SimdOp.v128And).get(win.wd).simd(SimdOp.v128AndNot).set(gc);
        f.get(win.wc).get(win.wd).simd(SimdOp.v128Or).set(others);
        f.get(g).get(win.wb).simd(SimdOp.v128And).get(others).simd(SimdOp.v128AndNot).set(gb);
        f.get(g).get(others).get(win.wb).simd(SimdOp.v128Or).simd(SimdOp.v128AndNot).set(ga);
        for (const [row, left2, right2] of [[r0, ga, gb], [r1, gc, gd]] as const) {
          const at = () => f.get(row).get(delta).op(Op.i32Add);
          if (width === 4) {
            at();
            f.get(left2).get(right2).shuffle(lowInterleave).v128Store(0);
            at();
            f.get(left2).get(right2).shuffle(highInterleave).v128Store(16);
          } else {
            at();
            f.get(left2).get(right2).shuffle(lowInterleave).store64Lane0();
          }
        }
        addConst(f, p.dy, 4 * width);
        addConst(f, r0, 8 * width);
        addConst(f, r1, 8 * width);
      });
    }
  });
}

/** The bytes of the pooling module, linked against `memory`. */
export function buildPoolModule(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  const module = new ModuleBuilder(memory);
  emitForward(module);
  emitBackward(module);
  return module.toBytes();
}

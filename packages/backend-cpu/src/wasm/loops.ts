import type { FunctionBody, Local } from './function-body.js';
import { Op } from './opcodes.js';

/**
 * `for (; index < end; index += step) body()` over i32 locals, with the test at the top so an
 * empty range runs nothing. The caller initialises `index`. Inside `body`, branch depth 0 is the
 * loop (continue) and 1 the enclosing block (break).
 */
export function forUp(
  f: FunctionBody,
  index: Local,
  end: Local,
  step: number,
  body: () => void,
): void {
  f.block(() =>
    f.loop(() => {
      f.get(index).get(end).op(Op.i32GeS).brIf(1);
      body();
      f.get(index).i32(step).op(Op.i32Add).set(index);
      f.br(0);
    }),
  );
}

/** `while (count >= step) { body(); count -= step }`: a counted loop that consumes `count`. */
export function whileAtLeast(f: FunctionBody, count: Local, step: number, body: () => void): void {
  f.block(() =>
    f.loop(() => {
      f.get(count).i32(step).op(Op.i32LtS).brIf(1);
      body();
      f.get(count).i32(step).op(Op.i32Sub).set(count);
      f.br(0);
    }),
  );
}

/** `local += delta` for an i32 local and a constant. */
export function addConst(f: FunctionBody, local: Local, delta: number): void {
  if (delta !== 0) f.get(local).i32(delta).op(Op.i32Add).set(local);
}

/** `target += source` for i32 locals. */
export function addLocal(f: FunctionBody, target: Local, source: Local): void {
  f.get(target).get(source).op(Op.i32Add).set(target);
}

/** Pushes min(a, b) for signed i32 locals. */
export function pushMin(f: FunctionBody, a: Local, b: Local): void {
  f.get(a).get(b).get(a).get(b).op(Op.i32LtS).op(Op.select);
}

/** Pushes max(a, b) for signed i32s pushed by the two callbacks (each evaluated twice). */
export function pushMaxOf(f: FunctionBody, a: () => void, b: () => void): void {
  a();
  b();
  a();
  b();
  f.op(Op.i32GtS).op(Op.select);
}

/** Pushes min(a, b) for signed i32s pushed by the two callbacks (each evaluated twice). */
export function pushMinOf(f: FunctionBody, a: () => void, b: () => void): void {
  a();
  b();
  a();
  b();
  f.op(Op.i32LtS).op(Op.select);
}

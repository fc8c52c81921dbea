import type { FunctionBody } from './function-body.js';
import { addConst, addLocal, forUp, pushMin } from './loops.js';
import type { ModuleBuilder } from './module-builder.js';
import { Op, ValType } from './opcodes.js';

const { i32 } = ValType;

/**
 * name(src, laneStride, stepStride, lanes, steps, dst): copies a strided lanes × steps block into
 * panels of `width` lanes, each panel stored step-major ([steps][width]) so the micro-kernel
 * reads it front to back. Strides are in bytes. A short last panel is padded with zeros: the
 * micro-kernel always computes full tiles (edge tiles keep only the part that exists), and zeros
 * keep stale bytes — NaNs, or denormals that are slow on x86 — out of that arithmetic.
 *
 * The same routine packs both operands: A's panels are `mr` rows wide (lanes = rows, steps = k),
 * B's are `nr` columns wide (lanes = columns, steps = k). Any strides work, so a transposed
 * operand costs nothing extra; when lanes are contiguous the copy is vectorised.
 */
export function emitPack(module: ModuleBuilder, name: string, width: number): FunctionBody {
  const f = module.function([i32, i32, i32, i32, i32, i32], [], name);
  const [src, laneStride, stepStride, lanes, steps, dst] = [0, 1, 2, 3, 4, 5].map((i) =>
    f.param(i),
  );
  const panel = f.local(i32);
  const count = f.local(i32);
  const left = f.local(i32);
  const base = f.local(i32);
  const step = f.local(i32);
  const q = f.local(i32);
  const pointers = Array.from({ length: width }, () => f.local(i32));
  const widthConst = f.local(i32);
  f.i32(width).set(widthConst);
  f.get(src).set(base);

  const nextStep = () => {
    addLocal(f, q, stepStride);
    addConst(f, dst, width * 4);
  };

  const contiguous = () => {
    f.get(base).set(q);
    f.i32(0).set(step);
    forUp(f, step, steps, 1, () => {
      for (let v = 0; v < width / 4; v++)
        f.get(dst)
          .get(q)
          .v128Load(v * 16)
          .v128Store(v * 16);
      nextStep();
    });
  };

  const strided = () => {
    for (let l = 0; l < width; l++) {
      f.get(base).get(laneStride).i32(l).op(Op.i32Mul).op(Op.i32Add).set(pointers[l]);
    }
    f.i32(0).set(step);
    forUp(f, step, steps, 1, () => {
      for (let l = 0; l < width; l++) {
        f.get(dst)
          .get(pointers[l])
          .f32Load()
          .f32Store(l * 4);
        addLocal(f, pointers[l], stepStride);
      }
      addConst(f, dst, width * 4);
    });
  };

  const partial = () => {
    f.get(base).set(q);
    f.i32(0).set(step);
    forUp(f, step, steps, 1, () => {
      for (let l = 0; l < width; l++) {
        f.get(count)
          .i32(l)
          .op(Op.i32GtS)
          .if(
            () =>
              f
                .get(dst)
                .get(q)
                .get(laneStride)
                .i32(l)
                .op(Op.i32Mul)
                .op(Op.i32Add)
                .f32Load()
                .f32Store(l * 4),
            () =>
              f
                .get(dst)
                .f32(0)
                .f32Store(l * 4),
          );
      }
      nextStep();
    });
  };

  f.i32(0).set(panel);
  forUp(f, panel, lanes, width, () => {
    f.get(lanes).get(panel).op(Op.i32Sub).set(left);
    pushMin(f, widthConst, left);
    f.set(count);
    f.get(count)
      .get(widthConst)
      .op(Op.i32Eq)
      .if(() => {
        if (width % 4 === 0) f.get(laneStride).i32(4).op(Op.i32Eq).if(contiguous, strided);
        else strided();
      }, partial);
    f.get(base).get(laneStride).i32(width).op(Op.i32Mul).op(Op.i32Add).set(base);
  });
  return f;
}

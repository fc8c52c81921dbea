import type { FunctionBody } from './function-body.js';
import { addConst, addLocal, forUp, pushMaxOf, pushMinOf, whileAtLeast } from './loops.js';
import { ModuleBuilder } from './module-builder.js';
import type { MemoryImport } from './module-builder.js';
import { Op, SimdOp, ValType } from './opcodes.js';

const { i32, f32 } = ValType;

/** The functions a conv-lowering module exports. */
export const loweringExportNames = ['im2col', 'col2im'] as const;

/**
 * The arguments of im2col and col2im, in order. Pointers and the two col strides are in bytes; the
 * rest are element counts. `image` points at channel 0 of the channels to lower (one image, one
 * group); col row k = (c, kh, kw) holds that tap's input pixel for every output position j =
 * (oh, ow), at byte `col + k·colRowStride + j·colColStride`.
 */
export const loweringParams = [
  'image',
  'channels',
  'height',
  'width',
  'kernelH',
  'kernelW',
  'strideH',
  'strideW',
  'dilationH',
  'dilationW',
  'padTop',
  'padLeft',
  'outH',
  'outW',
  'col',
  'colRowStride',
  'colColStride',
] as const;

/**
 * im2col gathers input pixels into the col matrix (padding reads as 0); col2im is its adjoint and
 * scatter-adds col entries back into the image (padding taps are dropped). One emitter writes both
 * so they visit taps in the same order — which is what makes them exact adjoints.
 *
 * The common case — horizontal stride 1 into a row-major col — moves each output row's span of
 * real pixels with f32x4 loads and stores: for tap column kw the pixels that exist are output
 * columns [owBegin, owEnd), computed once per tap. Other strides go element by element with one
 * unsigned bounds compare (a negative index wraps to a huge unsigned one). Rows are bounds-checked
 * once each either way.
 */
function emitLowering(module: ModuleBuilder, scatter: boolean): FunctionBody {
  const f = module.function(
    loweringParams.map(() => i32),
    [],
    scatter ? 'col2im' : 'im2col',
  );
  const p = f.namedParams(loweringParams);
  const [c, kh, kw, oh, ow, ih, iw, ihStart, iwStart, plane, planeBytes, rowPtr, colRow, q] =
    Array.from({ length: 14 }, () => f.local(i32));
  const [address, rowBytes, contiguous, owBegin, owEnd, left, image, col] = Array.from(
    { length: 8 },
    () => f.local(i32),
  );
  const value = f.local(f32);

  f.get(p.height).get(p.width).op(Op.i32Mul).i32(4).op(Op.i32Mul).set(planeBytes);
  f.get(p.width).i32(4).op(Op.i32Mul).set(rowBytes);
  f.get(p.col).set(colRow);
  f.get(p.image).set(plane);
  f.get(p.strideW)
    .i32(1)
    .op(Op.i32Eq)
    .get(p.colColStride)
    .i32(4)
    .op(Op.i32Eq)
    .op(Op.i32And)
    .set(contiguous);

  const copySpan = () => {
    // image = first real pixel of the row, col = its slot; `left` counts the pixels to move.
    f.get(rowPtr)
      .get(iwStart)
      .get(owBegin)
      .op(Op.i32Add)
      .i32(4)
      .op(Op.i32Mul)
      .op(Op.i32Add)
      .set(image);
    f.get(q).get(owBegin).i32(4).op(Op.i32Mul).op(Op.i32Add).set(col);
    f.get(owEnd).get(owBegin).op(Op.i32Sub).set(left);
    whileAtLeast(f, left, 4, () => {
      if (scatter)
        f.get(image).get(image).v128Load().get(col).v128Load().simd(SimdOp.f32x4Add).v128Store();
      else f.get(col).get(image).v128Load().v128Store();
      addConst(f, image, 16);
      addConst(f, col, 16);
    });
    whileAtLeast(f, left, 1, () => {
      if (scatter) f.get(image).get(image).f32Load().get(col).f32Load().op(Op.f32Add).f32Store();
      else f.get(col).get(image).f32Load().f32Store();
      addConst(f, image, 4);
      addConst(f, col, 4);
    });
    if (!scatter) {
      // Padding on both sides of the span reads as zero.
      f.i32(0).set(ow);
      forUp(f, ow, owBegin, 1, () =>
        f.get(q).get(ow).i32(4).op(Op.i32Mul).op(Op.i32Add).f32(0).f32Store(),
      );
      f.get(owEnd).set(ow);
      forUp(f, ow, p.outW, 1, () =>
        f.get(q).get(ow).i32(4).op(Op.i32Mul).op(Op.i32Add).f32(0).f32Store(),
      );
    }
    f.get(q).get(p.outW).i32(4).op(Op.i32Mul).op(Op.i32Add).set(q);
  };

  const element = () => {
    f.get(iw).get(p.width).op(Op.i32LtU);
    if (scatter) {
      f.if(() => {
        f.get(rowPtr).get(iw).i32(4).op(Op.i32Mul).op(Op.i32Add).set(address);
        f.get(address).get(address).f32Load().get(q).f32Load().op(Op.f32Add).f32Store();
      });
    } else {
      f.if(
        () => f.get(rowPtr).get(iw).i32(4).op(Op.i32Mul).op(Op.i32Add).f32Load().set(value),
        () => f.f32(0).set(value),
      );
      f.get(q).get(value).f32Store();
    }
  };

  const strided = () => {
    f.get(iwStart).set(iw);
    f.i32(0).set(ow);
    forUp(f, ow, p.outW, 1, () => {
      element();
      addLocal(f, q, p.colColStride);
      addLocal(f, iw, p.strideW);
    });
  };

  const outputRow = () => {
    f.get(ih)
      .get(p.height)
      .op(Op.i32LtU)
      .if(
        () => {
          f.get(plane).get(ih).get(rowBytes).op(Op.i32Mul).op(Op.i32Add).set(rowPtr);
          f.get(contiguous).if(copySpan, strided);
        },
        () => {
          // A row entirely in the padding: zeros to gather, nothing to scatter.
          if (scatter) f.get(q).get(p.outW).get(p.colColStride).op(Op.i32Mul).op(Op.i32Add).set(q);
          else {
            f.i32(0).set(ow);
            forUp(f, ow, p.outW, 1, () => {
              f.get(q).f32(0).f32Store();
              addLocal(f, q, p.colColStride);
            });
          }
        },
      );
    addLocal(f, ih, p.strideH);
  };

  f.i32(0).set(c);
  forUp(f, c, p.channels, 1, () => {
    f.i32(0).set(kh);
    forUp(f, kh, p.kernelH, 1, () => {
      f.get(kh).get(p.dilationH).op(Op.i32Mul).get(p.padTop).op(Op.i32Sub).set(ihStart);
      f.i32(0).set(kw);
      forUp(f, kw, p.kernelW, 1, () => {
        f.get(kw).get(p.dilationW).op(Op.i32Mul).get(p.padLeft).op(Op.i32Sub).set(iwStart);
        // With stride 1, input column iwStart + ow is real for ow in [−iwStart, width − iwStart).
        pushMinOf(
          f,
          () =>
            pushMaxOf(
              f,
              () => f.i32(0).get(iwStart).op(Op.i32Sub),
              () => f.i32(0),
            ),
          () => f.get(p.outW),
        );
        f.set(owBegin);
        pushMaxOf(
          f,
          () =>
            pushMinOf(
              f,
              () => f.get(p.width).get(iwStart).op(Op.i32Sub),
              () => f.get(p.outW),
            ),
          () => f.get(owBegin),
        );
        f.set(owEnd);
        f.get(colRow).set(q);
        f.get(ihStart).set(ih);
        f.i32(0).set(oh);
        forUp(f, oh, p.outH, 1, outputRow);
        addLocal(f, colRow, p.colRowStride);
      });
    });
    addLocal(f, plane, planeBytes);
  });
  return f;
}

/** The bytes of the im2col / col2im module, linked against `memory`. */
export function buildLoweringModule(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  const module = new ModuleBuilder(memory);
  emitLowering(module, false);
  emitLowering(module, true);
  return module.toBytes();
}

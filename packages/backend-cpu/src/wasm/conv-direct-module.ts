import type { FunctionBody, Local } from './function-body.js';
import { addConst, addLocal, forUp, whileAtLeast } from './loops.js';
import { ModuleBuilder } from './module-builder.js';
import type { MemoryImport } from './module-builder.js';
import { Op, SimdOp, ValType } from './opcodes.js';

const { i32, f32, v128 } = ValType;

/**
 * The shape a direct-conv module is generated for. Kernel height and width are unrolled and the
 * horizontal dilation is folded into load offsets; everything else (channels, image size, vertical
 * dilation) is a run-time argument, so one module serves every conv with the same kernel shape.
 */
export interface DirectConvShape {
  kernelH: number;
  kernelW: number;
  dilationW: number;
  /** Output channels per forward tile (broadcast operand). */
  mr: number;
  /** Flat positions per forward tile, a multiple of 4 (vector operand). */
  nr: number;
  /** Output channels per filter-gradient tile. */
  mo: number;
  fma: boolean;
}

/** The functions a direct-conv module exports. */
export const directConvExportNames = ['forward', 'filterGrad', 'copyPlanes'] as const;

/**
 * Stride-1 convolution on a "flat padded" image, the layout that turns conv into a GEMM with no
 * lowering at all. The input of one image (and group) is copied into planes of Hp × Wp pixels with
 * its padding written out as zeros; output position p = oh·Wp + ow (a row as wide as the padded
 * input, whose last Wp − outW columns are garbage) then reads tap (kh, kw) of channel c at
 *
 *     xpad[c][p + kh·dH·Wp + kw·dW]
 *
 * — for nr consecutive positions, nr consecutive floats. So the forward micro-kernel loads its B
 * vectors straight from the padded image (no im2col, no B packing), broadcasts packed weights as
 * its A operand, and computes an mr-channel × nr-position tile of a flat output that the driver
 * compacts into NCHW afterwards. The filter gradient is the same walk with dy as the second
 * operand: dot products over flat positions (dy's garbage columns are zero), mo channels × kW taps
 * per tile, reduced across lanes at the end.
 */
export function buildDirectConvModule(
  shape: DirectConvShape,
  memory: MemoryImport,
): Uint8Array<ArrayBuffer> {
  const module = new ModuleBuilder(memory);
  const forwardKernels = Array.from({ length: shape.mr }, (_, i) =>
    emitForwardKernel(module, shape, i + 1),
  );
  emitForwardDriver(module, shape, forwardKernels);
  const gradKernels = Array.from({ length: shape.mo }, (_, i) =>
    emitFilterGradKernel(module, shape, i + 1),
  );
  emitFilterGradDriver(module, shape, gradKernels);
  emitCopyPlanes(module);
  return module.toBytes();
}

/** `acc (+)= a · b` for v128 locals. */
function multiplyAdd(f: FunctionBody, fma: boolean, acc: Local, a: Local, b: Local): void {
  if (fma) f.get(a).get(b).get(acc).simd(SimdOp.f32x4RelaxedMadd);
  else f.get(acc).get(a).get(b).simd(SimdOp.f32x4Mul).simd(SimdOp.f32x4Add);
  f.set(acc);
}

/**
 * kernel(depth, pa, xb, c, ldcBytes): C[rows × nr] = Σ over `depth` steps of a broadcast weight
 * times the nr input floats its tap reads. `pa` walks a weight panel laid out [k][mr + 1]: the
 * step's mr weights (only the first `rows` are used), then the byte offset from a position to the
 * input pixel tap k = (channel, kh, kw) reads — so the tap table rides in the same cache lines as
 * the weights. One step per iteration, as in the GEMM micro-kernel (an unrolled 3×3 body ran at a
 * third of the speed: V8 hoists its loads and spills).
 */
function emitForwardKernel(module: ModuleBuilder, s: DirectConvShape, rows: number): FunctionBody {
  const { mr, nr, fma } = s;
  const vectors = nr / 4;
  const stepBytes = (mr + 1) * 4;
  const f = module.function([i32, i32, i32, i32, i32], []);
  const [depth, pa, xb, c, ldc] = [0, 1, 2, 3, 4].map((i) => f.param(i));
  const acc = Array.from({ length: rows }, () =>
    Array.from({ length: vectors }, () => f.local(v128)),
  );
  const b = Array.from({ length: vectors }, () => f.local(v128));
  const a = f.local(v128);
  const address = f.local(i32);
  const end = f.local(i32);
  // The loop sits inside `if (depth > 0)` as in the GEMM micro-kernel. That is not only a guard:
  // without it V8 11.3 hoists every broadcast load of a step above its arithmetic, which spills
  // accumulators from 5 rows on (5×8 plain SIMD: 19.6 → 33.1 GFLOP/s with the if).
  f.get(depth)
    .i32(0)
    .op(Op.i32GtS)
    .if(() => {
      f.get(pa).get(depth).i32(stepBytes).op(Op.i32Mul).op(Op.i32Add).set(end);
      f.loop(() => {
        f.get(xb)
          .get(pa)
          .memory(Op.i32Load, mr * 4, 2)
          .op(Op.i32Add)
          .set(address);
        for (let v = 0; v < vectors; v++)
          f.get(address)
            .v128Load(v * 16)
            .set(b[v]);
        for (let r = 0; r < rows; r++) {
          f.get(pa)
            .load32Splat(r * 4)
            .set(a);
          for (let v = 0; v < vectors; v++) multiplyAdd(f, fma, acc[r][v], a, b[v]);
        }
        addConst(f, pa, stepBytes);
        f.get(pa).get(end).op(Op.i32Ne).brIf(0);
      });
    });
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < vectors; v++)
      f.get(c)
        .get(acc[r][v])
        .v128Store(v * 16);
    if (r < rows - 1) addLocal(f, c, ldc);
  }
  return f;
}

/**
 * forward(depth, weights, panelBytes, xpad, outChannels, positions, y, ldcBytes): every tile of
 * one image's flat output, positions (a multiple of nr) outside and channel panels inside, so one
 * strip of the input stays in L1 while the weights cycle from L2.
 */
function emitForwardDriver(module: ModuleBuilder, s: DirectConvShape, kernels: FunctionBody[]) {
  const { mr, nr } = s;
  const f = module.function([i32, i32, i32, i32, i32, i32, i32, i32], [], 'forward');
  const [depth, weights, panelBytes, xpad, outChannels, positions, y, ldc] = [
    0, 1, 2, 3, 4, 5, 6, 7,
  ].map((i) => f.param(i));
  const [j, left, pa, c, xb, tileStep] = Array.from({ length: 6 }, () => f.local(i32));
  f.get(ldc).i32(mr).op(Op.i32Mul).set(tileStep);
  const call = (kernel: FunctionBody) => f.get(depth).get(pa).get(xb).get(c).get(ldc).call(kernel);
  f.i32(0).set(j);
  forUp(f, j, positions, nr, () => {
    f.get(xpad).get(j).i32(4).op(Op.i32Mul).op(Op.i32Add).set(xb);
    f.get(y).get(j).i32(4).op(Op.i32Mul).op(Op.i32Add).set(c);
    f.get(weights).set(pa);
    f.get(outChannels).set(left);
    whileAtLeast(f, left, mr, () => {
      call(kernels[mr - 1]);
      addLocal(f, pa, panelBytes);
      addLocal(f, c, tileStep);
    });
    for (let rows = 1; rows < mr; rows++)
      f.get(left)
        .i32(rows)
        .op(Op.i32Eq)
        .if(() => call(kernels[rows - 1]));
  });
}

/**
 * kernel(steps, dy, dyRowBytes, x, dw, dwRowBytes, rowBytes) for `rows` output channels: for each
 * kh, dw[o][kh][kw] += Σ over 4·steps flat positions of dy[o][p] · x[p + kh·rowBytes/4 + kw·dW],
 * where `dw` points at dw[o0][c][0][0] and rows of dw are `dwRowBytes` apart.
 */
function emitFilterGradKernel(module: ModuleBuilder, s: DirectConvShape, rows: number) {
  const { kernelH, kernelW, dilationW, fma } = s;
  const f = module.function([i32, i32, i32, i32, i32, i32, i32], []);
  const [steps, dy, dyRowBytes, x, dw, dwRowBytes, rowBytes] = [0, 1, 2, 3, 4, 5, 6].map((i) =>
    f.param(i),
  );
  const acc = Array.from({ length: rows }, () =>
    Array.from({ length: kernelW }, () => f.local(v128)),
  );
  const dyv = Array.from({ length: rows }, () => f.local(v128));
  const xv = f.local(v128);
  const pointers = Array.from({ length: rows }, () => f.local(i32));
  const xp = f.local(i32);
  const end = f.local(i32);
  const out = f.local(i32);
  const xRow = f.local(i32);
  const sum = f.local(f32);
  f.get(x).set(xRow);
  for (let kh = 0; kh < kernelH; kh++) {
    for (let r = 0; r < rows; r++) {
      if (r === 0) f.get(dy);
      else
        f.get(pointers[r - 1])
          .get(dyRowBytes)
          .op(Op.i32Add);
      f.set(pointers[r]);
      for (let kw = 0; kw < kernelW; kw++) f.f32x4Const(0).set(acc[r][kw]);
    }
    f.get(xRow).set(xp);
    // Not inside an `if` as the forward kernel's loop is: here that made V8 spill (plain SIMD
    // 31.6 → 18.3 GFLOP/s); `steps` is never 0.
    f.get(dy).get(steps).i32(16).op(Op.i32Mul).op(Op.i32Add).set(end);
    f.loop(() => {
      for (let r = 0; r < rows; r++) f.get(pointers[r]).v128Load().set(dyv[r]);
      for (let kw = 0; kw < kernelW; kw++) {
        f.get(xp)
          .v128Load(kw * dilationW * 4)
          .set(xv);
        for (let r = 0; r < rows; r++) multiplyAdd(f, fma, acc[r][kw], dyv[r], xv);
      }
      for (let r = 0; r < rows; r++) addConst(f, pointers[r], 16);
      addConst(f, xp, 16);
      f.get(pointers[0]).get(end).op(Op.i32Ne).brIf(0);
    });
    // Horizontal sums, added into dw.
    f.get(dw).set(out);
    for (let r = 0; r < rows; r++) {
      for (let kw = 0; kw < kernelW; kw++) {
        f.get(acc[r][kw])
          .get(acc[r][kw])
          .get(acc[r][kw])
          .shuffle([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7])
          .simd(SimdOp.f32x4Add)
          .set(xv);
        f.get(xv)
          .get(xv)
          .get(xv)
          .shuffle([4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11])
          .simd(SimdOp.f32x4Add)
          .extractLane(SimdOp.f32x4ExtractLane, 0)
          .set(sum);
        const at = (kh * kernelW + kw) * 4;
        f.get(out).get(out).f32Load(at).get(sum).op(Op.f32Add).f32Store(at);
      }
      if (r < rows - 1) addLocal(f, out, dwRowBytes);
    }
    if (kh < kernelH - 1) addLocal(f, xRow, rowBytes);
  }
  return f;
}

/**
 * filterGrad(channels, outChannels, steps, dy, dyRowBytes, xpad, planeBytes, rowBytes, dw,
 * dwRowBytes): adds one image's contribution to dw rows [0, outChannels) — channel blocks of mo
 * outside (their dy rows stay in L1), input channels inside.
 */
function emitFilterGradDriver(module: ModuleBuilder, s: DirectConvShape, kernels: FunctionBody[]) {
  const { mo, kernelH, kernelW } = s;
  const f = module.function([i32, i32, i32, i32, i32, i32, i32, i32, i32, i32], [], 'filterGrad');
  const [channels, outChannels, steps, dy, dyRowBytes, xpad, planeBytes, rowBytes, dw, dwRowBytes] =
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => f.param(i));
  const [left, ch, x, out, blockDy, blockDw] = Array.from({ length: 6 }, () => f.local(i32));
  const call = (kernel: FunctionBody) => {
    f.i32(0).set(ch);
    f.get(xpad).set(x);
    f.get(blockDw).set(out);
    forUp(f, ch, channels, 1, () => {
      f.get(steps)
        .get(blockDy)
        .get(dyRowBytes)
        .get(x)
        .get(out)
        .get(dwRowBytes)
        .get(rowBytes)
        .call(kernel);
      addLocal(f, x, planeBytes);
      addConst(f, out, kernelH * kernelW * 4);
    });
  };
  f.get(dy).set(blockDy);
  f.get(dw).set(blockDw);
  f.get(outChannels).set(left);
  whileAtLeast(f, left, mo, () => {
    call(kernels[mo - 1]);
    for (let r = 0; r < mo; r++) {
      addLocal(f, blockDy, dyRowBytes);
      addLocal(f, blockDw, dwRowBytes);
    }
  });
  for (let rows = 1; rows < mo; rows++)
    f.get(left)
      .i32(rows)
      .op(Op.i32Eq)
      .if(() => call(kernels[rows - 1]));
}

/**
 * copyPlanes(src, srcRowBytes, srcPlaneBytes, dst, dstRowBytes, dstPlaneBytes, planes, rows, cols):
 * copies a planes × rows × cols block between two strided layouts (padding an image into its flat
 * layout, compacting a flat output back into NCHW).
 */
function emitCopyPlanes(module: ModuleBuilder) {
  const f = module.function([i32, i32, i32, i32, i32, i32, i32, i32, i32], [], 'copyPlanes');
  const [src, srcRow, srcPlane, dst, dstRow, dstPlane, planes, rows, cols] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8,
  ].map((i) => f.param(i));
  const [plane, row, from, to, left, rowFrom, rowTo] = Array.from({ length: 7 }, () =>
    f.local(i32),
  );
  f.i32(0).set(plane);
  forUp(f, plane, planes, 1, () => {
    f.get(src).set(rowFrom);
    f.get(dst).set(rowTo);
    f.i32(0).set(row);
    forUp(f, row, rows, 1, () => {
      f.get(rowFrom).set(from);
      f.get(rowTo).set(to);
      f.get(cols).set(left);
      whileAtLeast(f, left, 4, () => {
        f.get(to).get(from).v128Load().v128Store();
        addConst(f, from, 16);
        addConst(f, to, 16);
      });
      whileAtLeast(f, left, 1, () => {
        f.get(to).get(from).f32Load().f32Store();
        addConst(f, from, 4);
        addConst(f, to, 4);
      });
      addLocal(f, rowFrom, srcRow);
      addLocal(f, rowTo, dstRow);
    });
    addLocal(f, src, srcPlane);
    addLocal(f, dst, dstPlane);
  });
}

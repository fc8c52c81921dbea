import { sizeOf } from '@loom/graph';
import { outputWriter } from '../codegen/output-writer.js';
import { ShaderBuilder } from '../codegen/shader-builder.js';
import { wgslType } from '../codegen/wgsl-type.js';
import { gemmDispatch } from './gemm.js';
import type { WebGpuKernel, WebGpuKernelTable } from './kernel.js';

/** [...batch, M, K] × [...batch, K, N] with identical batch dims, through the tiled GEMM. */
const matmul: WebGpuKernel<'matmul'> = ({ inputs: [a, bIn], output, epilogue }) => {
  const rank = a.shape.length;
  const [m, k, n] = [a.shape[rank - 2], a.shape[rank - 1], bIn.shape[rank - 1]];
  const batch = sizeOf(output.shape.slice(0, -2));
  if (m * n * batch === 0) return [];
  const b = new ShaderBuilder();
  const type = wgslType(output.dtype);
  const [x, y] = [b.input(0, a.dtype), b.input(1, bIn.dtype)];
  const store = outputWriter(b, output, epilogue);
  const [pm, pk, pn] = [b.u32(m), b.u32(k), b.u32(n)];
  // k = 0: every output is an empty sum; the tiled loop never runs and stores zeros.
  return [
    gemmDispatch(
      b,
      {
        batch,
        m,
        n,
        k,
        dtype: output.dtype,
        loadA: `fn load_a(z: u32, row: u32, kk: u32) -> ${type} { return ${x}[(z * ${pm} + row) * ${pk} + kk]; }`,
        loadB: `fn load_b(z: u32, kk: u32, col: u32) -> ${type} { return ${y}[(z * ${pk} + kk) * ${pn} + col]; }`,
        outIndex: `fn out_index(z: u32, row: u32, col: u32) -> u32 { return (z * ${pm} + row) * ${pn} + col; }`,
      },
      store,
    ),
  ];
};

export const matmulKernels: Pick<WebGpuKernelTable, 'matmul'> = { matmul };

import type { DType } from '@loom/graph';
import type { Dispatch } from '../codegen/dispatch.js';
import { MAX_WORKGROUPS_PER_DIMENSION, type ShaderBuilder } from '../codegen/shader-builder.js';
import type { StoreOutput } from '../codegen/output-writer.js';
import { wgslType } from '../codegen/wgsl-type.js';

/** Output tile of one workgroup (TILE × TILE), the K step, and the 4×4 block each invocation owns. */
const TILE = 32;
const TILE_K = 16;
const BLOCK = 4;
const THREADS = (TILE / BLOCK) ** 2;

/**
 * A batch of `batch` problems C[z] = A[z] · B[z] with A: m × k, B: k × n, where the kernel says
 * how to read A and B (WGSL functions `load_a(z, row, kk)` / `load_b(z, kk, col)`, called only in
 * range) and where C[z][row][col] lives (`out_index(z, row, col)`). matmul and the three conv2d
 * passes (as implicit GEMMs) are all this one tiled kernel.
 */
export interface GemmProblem {
  batch: number;
  m: number;
  n: number;
  k: number;
  dtype: DType;
  loadA: string;
  loadB: string;
  outIndex: string;
}

/** `line(r, q)` for every cell of the invocation's register block, as unrolled statements. */
function eachCell(line: (r: number, q: number) => string): string[] {
  const lines: string[] = [];
  for (let r = 0; r < BLOCK; r++) for (let q = 0; q < BLOCK; q++) lines.push(line(r, q));
  return lines;
}

const indices = Array.from({ length: BLOCK }, (_, r) => r);

/**
 * Tiled matrix multiply over workgroup memory: each workgroup of 64 invocations computes a 32×32
 * tile of C, stepping through K 16 at a time; each invocation accumulates a 4×4 block in registers.
 * The register block is unrolled into scalars: indexing a local array in a loop makes SwiftShader
 * (and some drivers) keep it in memory, which measured 4× slower.
 */
export function gemmDispatch(b: ShaderBuilder, problem: GemmProblem, store: StoreOutput): Dispatch {
  const type = wgslType(problem.dtype);
  const zero = `${type}()`;
  b.helper('load_a', problem.loadA);
  b.helper('load_b', problem.loadB);
  b.helper('out_index', problem.outIndex);
  b.workgroupVar(`tile_a: array<${type}, ${TILE_K * TILE}>`);
  b.workgroupVar(`tile_b: array<${type}, ${TILE_K * TILE}>`);
  const [m, n, k] = [b.u32(problem.m), b.u32(problem.n), b.u32(problem.k)];
  const perThread = (TILE_K * TILE) / THREADS;
  const body = [
    '  let z = wid.z;',
    `  let row0 = wid.y * ${TILE}u;`,
    `  let col0 = wid.x * ${TILE}u;`,
    `  let tr = lid.y * ${BLOCK}u;`,
    `  let tc = lid.x * ${BLOCK}u;`,
    ...eachCell((r, q) => `  var acc${r}${q} = ${zero};`),
    `  for (var k0 = 0u; k0 < ${k}; k0 = k0 + ${TILE_K}u) {`,
    `    for (var e = 0u; e < ${perThread}u; e = e + 1u) {`,
    `      let t = li + e * ${THREADS}u;`,
    '      // A is read along k (consecutive invocations, consecutive k), B along n.',
    `      let ar = t / ${TILE_K}u;`,
    `      let ak = t % ${TILE_K}u;`,
    `      var av = ${zero};`,
    `      if (row0 + ar < ${m} && k0 + ak < ${k}) { av = load_a(z, row0 + ar, k0 + ak); }`,
    `      tile_a[ak * ${TILE}u + ar] = av;`,
    `      let bk = t / ${TILE}u;`,
    `      let bc = t % ${TILE}u;`,
    `      var bv = ${zero};`,
    `      if (k0 + bk < ${k} && col0 + bc < ${n}) { bv = load_b(z, k0 + bk, col0 + bc); }`,
    `      tile_b[bk * ${TILE}u + bc] = bv;`,
    '    }',
    '    workgroupBarrier();',
    `    for (var kk = 0u; kk < ${TILE_K}u; kk = kk + 1u) {`,
    ...indices.map((r) => `      let a${r} = tile_a[kk * ${TILE}u + tr + ${r}u];`),
    ...indices.map((q) => `      let b${q} = tile_b[kk * ${TILE}u + tc + ${q}u];`),
    ...eachCell((r, q) => `      acc${r}${q} = acc${r}${q} + a${r} * b${q};`),
    '    }',
    '    workgroupBarrier();',
    '  }',
    ...eachCell(
      (r, q) => `  if (row0 + tr + ${r}u < ${m} && col0 + tc + ${q}u < ${n}) { ${store(`out_index(z, row0 + tr + ${r}u, col0 + tc + ${q}u)`, `acc${r}${q}`)} }`,
    ),
  ].join('\n');
  const workgroups = [Math.ceil(problem.n / TILE), Math.ceil(problem.m / TILE), problem.batch] as const;
  if (workgroups.some((w) => w > MAX_WORKGROUPS_PER_DIMENSION))
    throw new Error(`webgpu: a ${problem.batch} × ${problem.m} × ${problem.n} product needs more than ${MAX_WORKGROUPS_PER_DIMENSION} workgroups along one dimension`);
  return b.build(body, [TILE / BLOCK, TILE / BLOCK, 1], workgroups);
}

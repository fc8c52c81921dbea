import type { DType, FusedExpr, LoadExpr } from '@loom/graph';
import type { Local } from './function-body.js';
import { addConst, whileAtLeast } from './loops.js';
import { ModuleBuilder, type MemoryImport } from './module-builder.js';
import { SimdOp, ValType } from './opcodes.js';
import { emitSimdExpr, UnsupportedExpr } from './simd-expr.js';
import { sameLoad } from '../fused/distinct-loads.js';

/** How one load walks a run of the output: element by element (`stream`) or one value (`splat`). */
export type LoadStep = 'stream' | 'splat';

export interface FusedModuleSpec {
  expr: FusedExpr;
  inputDTypes: readonly DType[];
  /** The distinct loads, in parameter order, and how each walks the run. */
  loads: readonly LoadExpr[];
  steps: readonly LoadStep[];
  /** Whether `acc` reads the output element (an epilogue, in place). */
  epilogue: boolean;
}

/** The name of the one function a fused module exports: run(n, out, load0, load1, …), in bytes. */
export const fusedExportName = 'run';

/**
 * A module with one function computing `expr` for n consecutive output elements: four at a time
 * with v128 loads and stores, then the last n mod 4 one at a time (the same vector code on
 * splatted single elements, storing lane 0), so it never touches memory past either end.
 * Returns undefined when the expression has something the SIMD emitter does not cover.
 */
export function buildFusedModule(spec: FusedModuleSpec, memory: MemoryImport): Uint8Array<ArrayBuffer> | undefined {
  const { loads, steps } = spec;
  const module = new ModuleBuilder(memory);
  const params = [ValType.i32, ValType.i32, ...loads.map(() => ValType.i32)];
  const f = module.function(params, [], fusedExportName);
  const left = f.param(0);
  const out = f.param(1);
  const pointers = loads.map((_, i) => f.param(i + 2));
  const splats = loads.map((_, i): Local | undefined => (steps[i] === 'splat' ? f.local(ValType.v128) : undefined));
  splats.forEach((s, i) => {
    if (s !== undefined) f.get(pointers[i]).load32Splat().set(s);
  });
  const indexOf = (load: LoadExpr) => {
    const i = loads.findIndex((l) => sameLoad(l, load));
    if (i < 0) throw new Error('fused module: a load missing from the load list');
    return i;
  };
  const pass = (width: 4 | 1) => {
    f.get(out);
    const dtype = emitSimdExpr(f, spec.expr, spec.inputDTypes, {
      load: (load) => {
        const i = indexOf(load);
        const s = splats[i];
        if (s !== undefined) f.get(s);
        else if (width === 4) f.get(pointers[i]).v128Load();
        else f.get(pointers[i]).load32Splat();
      },
      acc: () => {
        if (!spec.epilogue) throw new UnsupportedExpr('acc outside an epilogue');
        if (width === 4) f.get(out).v128Load();
        else f.get(out).load32Splat();
      },
    });
    if (dtype !== 'float32') throw new UnsupportedExpr(`a ${dtype} result`);
    if (width === 4) f.v128Store();
    else f.extractLane(SimdOp.f32x4ExtractLane, 0).f32Store();
    pointers.forEach((p, i) => {
      if (steps[i] === 'stream') addConst(f, p, 4 * width);
    });
    addConst(f, out, 4 * width);
  };
  try {
    whileAtLeast(f, left, 4, () => pass(4));
    whileAtLeast(f, left, 1, () => pass(1));
  } catch (error) {
    if (error instanceof UnsupportedExpr) return undefined;
    throw error;
  }
  return module.toBytes();
}


import { ModuleBuilder } from './module-builder.js';
import { Op, SimdOp } from './opcodes.js';

/** What this engine's WebAssembly can do, probed once by validating tiny modules. */
export interface WasmFeatures {
  /** Fixed-width 128-bit SIMD (every current engine). */
  simd: boolean;
  /** `f32x4.relaxed_madd` (Chromium; Node 20 only with --experimental-wasm-relaxed-simd). */
  relaxedSimd: boolean;
  /** Shared memory, so worker threads can run kernels on the same tensors. */
  sharedMemory: boolean;
}

/** Whether a module whose one function runs `emit` on three vector constants validates. */
function validates(emit: (body: ReturnType<ModuleBuilder['function']>) => void): boolean {
  const module = new ModuleBuilder({ minPages: 1, shared: false });
  const body = module.function([], []);
  body.f32x4Const(1).f32x4Const(2).f32x4Const(3);
  emit(body);
  body.op(Op.drop);
  try {
    return WebAssembly.validate(module.toBytes());
  } catch {
    return false;
  }
}

function sharedMemoryWorks(): boolean {
  // Browsers withhold SharedArrayBuffer from pages that are not cross-origin isolated.
  if (typeof SharedArrayBuffer === 'undefined') return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return memory.buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

let probed: WasmFeatures | undefined;

/** Probes the engine once; later calls return the same answer. */
export function detectWasmFeatures(): WasmFeatures {
  if (probed) return probed;
  probed = {
    simd: validates((b) => b.simd(SimdOp.f32x4Mul).simd(SimdOp.f32x4Add)),
    relaxedSimd: validates((b) => b.simd(SimdOp.f32x4RelaxedMadd)),
    sharedMemory: sharedMemoryWorks(),
  };
  return probed;
}

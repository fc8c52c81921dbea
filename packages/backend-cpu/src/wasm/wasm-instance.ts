/** An exported wasm function as JS sees it: i32/f32 arguments in, at most one number out. */
export type WasmFunction = (...args: number[]) => number | undefined;

function isWasmFunction(value: unknown): value is WasmFunction {
  return typeof value === 'function';
}

/**
 * The named function exports of `instance`, checked to exist and to be functions, so a generator
 * and its driver disagreeing about a name fails at instantiation rather than at the first call.
 */
export function functionExports<Name extends string>(
  instance: WebAssembly.Instance,
  names: readonly Name[],
): Record<Name, WasmFunction> {
  const entries = names.map((name): [Name, WasmFunction] => {
    const value: unknown = instance.exports[name];
    if (!isWasmFunction(value)) throw new Error(`wasm module exports no function "${name}"`);
    return [name, value];
  });
  return Object.fromEntries(entries) as Record<Name, WasmFunction>;
}

/**
 * Compiles and instantiates kernel module `bytes` against `memory` (the heap's), returning its
 * function exports. Synchronous compilation is fine: the generated modules are 1–3 KB, under the
 * 4 KB a browser's main thread allows for synchronous compiles.
 */
export function instantiateKernels<Name extends string>(
  bytes: Uint8Array<ArrayBuffer>,
  memory: WebAssembly.Memory,
  names: readonly Name[],
): Record<Name, WasmFunction> {
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return functionExports(instance, names);
}

/** CPU kernels on typed arrays (and WASM SIMD later), one kernel table keyed by primitive op. */
export const packageName = '@loom/backend-cpu';

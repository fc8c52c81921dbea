/**
 * Launches with fewer floating-point operations than this run on the engine alone. Splitting is
 * off by default: a split block runs the JavaScript reference kernel on copies in shared scratch
 * memory, while the engine runs the same launch as a WASM SIMD kernel about 50× faster (see
 * @loom/backend-cpu). It pays again once helpers run the WASM kernels on the engine's shared heap;
 * until then callers can opt in (e.g. 1_000_000, the break-even measured for the JS kernels).
 */
export const DEFAULT_SPLIT_MIN_FLOPS = Number.POSITIVE_INFINITY;

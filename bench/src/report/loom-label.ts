/**
 * The report's name for a Loom row, whichever benchmark wrote it: "Loom CPU" plus where it ran
 * (in-process on one thread, with a helper thread, or on the worker pool with N workers) and the
 * kernel variant when the suite names one. Peer names pass through unchanged.
 */
export function loomLabel(name: string): string {
  const pool = /^Loom pool, (\d+) workers?/.exec(name);
  if (pool) return `Loom CPU pool, ${pool[1]} worker${pool[1] === '1' ? '' : 's'}`;
  // @loom/workers' matmul calls the JS kernel table (cpuKernels) directly on its main thread.
  if (name.startsWith('Loom in-process (CPU kernel')) return 'Loom CPU in-process (1 thread, JS reference kernel)';
  if (name.startsWith('Loom in-process + 1 helper')) return 'Loom CPU in-process + 1 helper thread';
  if (name.startsWith('Loom in-process')) return 'Loom CPU in-process (1 thread)';
  if (name === 'Loom WASM SIMD') return 'Loom CPU in-process (1 thread, WASM SIMD)';
  if (name === 'Loom WASM FMA') return 'Loom CPU in-process (1 thread, relaxed-SIMD FMA)';
  if (name === 'Loom CPU (fused)') return 'Loom CPU in-process (1 thread, fused WASM)';
  if (name === 'Loom JS reference') return 'Loom CPU in-process (1 thread, JS reference kernel)';
  return name;
}

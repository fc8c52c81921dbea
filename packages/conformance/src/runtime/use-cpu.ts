import { registerBackend, setBackend } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';

/** Selects a fresh in-process CPU backend for the tests of one file. */
export async function useCpu(): Promise<void> {
  registerBackend('cpu', () => new CpuBackend());
  await setBackend('cpu');
}

/** Runs a full garbage collection (when node runs with --expose-gc) and lets finalizers run. */
export async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('collectGarbage: run node with --expose-gc (see vitest.config.ts)');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

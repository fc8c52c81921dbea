import { registerBackend, setBackend } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';

/** Selects an in-process CPU backend for the tests of one file (the package itself never imports a backend). */
export async function useCpu(): Promise<void> {
  registerBackend('cpu', () => new CpuBackend());
  await setBackend('cpu');
}

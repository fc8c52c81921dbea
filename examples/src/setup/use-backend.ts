import { getBackend, registerBackend, setBackend, type BackendInfo } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';

/**
 * Apps wire backends in (nn never imports one). The examples run on the in-process CPU backend;
 * the worker pool plugs in here, in one place, when it lands.
 */
export async function useBackend(): Promise<BackendInfo> {
  registerBackend('cpu', () => new CpuBackend());
  await setBackend('cpu');
  return getBackend();
}

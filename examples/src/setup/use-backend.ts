import { availableParallelism } from 'node:os';
import { getBackend, registerBackend, setBackend, type BackendInfo } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import { nodeHeapHelpers } from '@loom/backend-cpu/node';

/**
 * Apps wire backends in (nn never imports one). The examples run on the in-process CPU backend,
 * with one helper thread per further core (at most three) taking shares of the big matmul and
 * conv launches; the worker pool plugs in here, in one place, when it lands.
 */
export async function useBackend(): Promise<BackendInfo> {
  const helpers = Math.min(3, availableParallelism() - 1);
  registerBackend('cpu', () => new CpuBackend(helpers > 0 ? { helpers: nodeHeapHelpers(helpers) } : {}));
  await setBackend('cpu');
  return getBackend();
}

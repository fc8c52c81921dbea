import { WasmHeap } from '../wasm/wasm-heap.js';
import { WasmKernels } from '../wasm/wasm-kernels.js';
import { drainTasks, type HeapHelperMessage } from './intra-op-team.js';
import { runKernelTask } from './kernel-task.js';

/**
 * The helper thread's side of a HeapHelperTeam: on `init` it instantiates the WASM kernels over
 * the backend's memory with its own scratch region; then, for each launch it is sent, it claims
 * and computes tasks until none is left (none, if it wakes after the launch is over), counting
 * each completed — or failed — task in the shared flags.
 */
export function serveHeapHelper(listen: (handler: (message: HeapHelperMessage) => void) => void): void {
  let state: { kernels: WasmKernels; flags: Int32Array } | undefined;
  listen((message) => {
    if (message.kind === 'init') {
      const heap = WasmHeap.inRegion(message.region);
      state = { kernels: new WasmKernels(heap), flags: new Int32Array(message.flags) };
      return;
    }
    if (!state) return;
    const { kernels } = state;
    drainTasks(state.flags, message.tag, message.tasks, (task) => runKernelTask(kernels, task));
  });
}

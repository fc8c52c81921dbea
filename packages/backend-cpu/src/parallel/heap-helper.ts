import { WasmHeap } from '../wasm/wasm-heap.js';
import { WasmKernels } from '../wasm/wasm-kernels.js';
import { drainTasks, Flag, runTask, type HeapHelperMessage } from './intra-op-team.js';
import { runKernelTask } from './kernel-task.js';

/**
 * The helper thread's side of a HeapHelperTeam: on `init` it instantiates the WASM kernels over
 * the backend's memory with its own scratch region; it keeps the fused kernels it is handed; then,
 * for each launch it is sent, it claims and computes tasks until none is left (none, if it wakes
 * after the launch is over), counting each completed — or failed — task in the shared flags, and
 * marking itself busy with the launch meanwhile (so a helper that dies mid-launch is known).
 * `exit` ends this thread at once (the `exit` test fault).
 */
export function serveHeapHelper(listen: (handler: (message: HeapHelperMessage) => void) => void, exit: () => void = () => undefined): void {
  let state: { kernels: WasmKernels; flags: Int32Array; slot: number } | undefined;
  listen((message) => {
    if (message.kind === 'init') {
      const heap = WasmHeap.inRegion(message.region);
      state = { kernels: new WasmKernels(heap), flags: new Int32Array(message.flags), slot: message.slot };
      return;
    }
    if (!state) return;
    const { kernels, flags, slot } = state;
    if (message.kind === 'kernel') return kernels.fused.adopt(message.kernel);
    const { tag, tasks, reserved } = message;
    Atomics.store(flags, Flag.busy + slot, tag);
    if (reserved) {
      if (reserved.fault === 'exit') {
        exit();
        return;
      }
      runTask(flags, reserved.task, tasks[reserved.task], () => {
        throw new Error('injected helper fault');
      }, { tag, slot });
    }
    drainTasks(flags, { tag, slot }, tasks, (task) => runKernelTask(kernels, task));
    Atomics.compareExchange(flags, Flag.busy + slot, tag, 0);
  });
}

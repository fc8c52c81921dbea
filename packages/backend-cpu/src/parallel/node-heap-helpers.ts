import { Worker } from 'node:worker_threads';
import { HeapHelperTeam, type HeapHelperTeamOptions, type IntraOpTeamFactory } from './intra-op-team.js';

/**
 * Node: `helpers` worker threads that take shares of big matmul and conv launches, for
 * `new CpuBackend({ helpers: nodeHeapHelpers(1) })` — two cores with one helper. The workers are
 * unref'd, so they never keep a finished process alive.
 */
export function nodeHeapHelpers(helpers: number, options: HeapHelperTeamOptions = {}): IntraOpTeamFactory {
  return (heap) => {
    const workers = Array.from({ length: helpers }, () => {
      const worker = new Worker(new URL('./heap-helper-node.js', import.meta.url));
      worker.unref();
      return worker;
    });
    return new HeapHelperTeam(heap, workers, options);
  };
}

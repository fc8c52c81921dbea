import { Worker } from 'node:worker_threads';
import { helperDeath } from './helper-death.js';
import { HeapHelperTeam, type HeapHelperTeamFactory, type HeapHelperTeamOptions, type HelperEndpoint } from './intra-op-team.js';

/**
 * Node: `helpers` worker threads that take shares of big launches, for
 * `new CpuBackend({ helpers: nodeHeapHelpers(1) })` — two cores with one helper. The workers are
 * unref'd, so they never keep a finished process alive; one that dies is started again.
 */
export function nodeHeapHelpers(helpers: number, options: HeapHelperTeamOptions = {}): HeapHelperTeamFactory {
  return (heap) => new HeapHelperTeam(heap, spawnNodeHelper, helpers, options);
}

function spawnNodeHelper(slot: number): HelperEndpoint {
  const worker = new Worker(new URL('./heap-helper-node.js', import.meta.url), { name: `loom-heap-helper-${slot + 1}` });
  worker.unref();
  const death = helperDeath();
  worker.on('error', (error) => death.died(`it threw: ${error.message}`));
  worker.on('exit', (code) => death.died(`it exited with code ${code}`));
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => {
      death.ended();
      void worker.terminate();
    },
    onDeath: death.onDeath,
  };
}

/**
 * Entry of the engine worker: a CpuBackend — with helper threads that share big launches on its
 * shared heap — or, in a browser asked for it, a WebGPU backend on the worker's own `navigator.gpu`,
 * behind the Comlink-exposed `EngineApi`.
 */
import { CpuBackend, type HeapHelperTeam, type HeapHelperTeamFactory } from '@loom/backend-cpu';
import { browserHeapHelpers } from '@loom/backend-cpu/browser';
import type * as CpuNode from '@loom/backend-cpu/node';
import type { WebGpuBackend } from '@loom/backend-webgpu';
import { Engine, type BackendSpec } from './engine.js';
import { importNode, isNode } from './platform/environment.js';
import { parentLink } from './platform/parent-endpoint.js';

/** Helper threads for the CpuBackend: worker_threads in Node, nested module Web Workers in browsers. */
async function heapHelpers({ helpers, split }: BackendSpec): Promise<HeapHelperTeamFactory> {
  const options = { stallMs: split.helperStallMs, backOff: split.helperBackOff };
  if (!isNode()) return browserHeapHelpers(helpers, options);
  // Named so bundlers do not follow it: browsers never load the Node entry.
  const { nodeHeapHelpers } = await importNode<typeof CpuNode>('@loom/backend-cpu/node');
  return nodeHeapHelpers(helpers, options);
}

const parent = await parentLink();
let gpu: WebGpuBackend | undefined;
parent.expose(
  new Engine(
    async (spec) => {
      if (spec.device === 'cpu') {
        let team: HeapHelperTeam | undefined;
        const factory = spec.helpers > 0 ? await heapHelpers(spec) : undefined;
        const backend = new CpuBackend({
          wasm: spec.wasm,
          helpers: factory && ((heap) => (team = factory(heap))),
          splitMinFlops: spec.split.minFlops,
          splitMinElements: spec.split.minElements,
          splitMinReduceElements: spec.split.minReduceElements,
        });
        return { backend, team: () => team };
      }
      // Loaded only when asked for, so CPU engines never fetch the WGSL kernels.
      const { createWebGpuBackend } = await import('@loom/backend-webgpu');
      gpu = await createWebGpuBackend();
      return { backend: gpu };
    },
    {
      exit: parent.exit,
      loseDevice: async () => {
        if (!gpu) return;
        gpu.device.destroy();
        await gpu.device.lost;
      },
    },
  ),
);

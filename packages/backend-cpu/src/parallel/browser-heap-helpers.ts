import { helperDeath } from './helper-death.js';
import { HeapHelperTeam, type HeapHelperTeamOptions, type HeapHelperTeamFactory, type HelperEndpoint } from './intra-op-team.js';

/**
 * Browsers: `helpers` module Web Workers that take shares of big launches, for
 * `new CpuBackend({ helpers: browserHeapHelpers(n) })` in a worker (or a page) that is
 * cross-origin isolated. Written as `new Worker(new URL('./heap-helper-browser.js',
 * import.meta.url), { type: 'module' })` so bundlers (Vite) include the helper's entry.
 */
export function browserHeapHelpers(helpers: number, options: HeapHelperTeamOptions = {}): HeapHelperTeamFactory {
  return (heap) => new HeapHelperTeam(heap, spawnBrowserHelper, helpers, options);
}

function spawnBrowserHelper(slot: number): HelperEndpoint {
  const worker = new Worker(new URL('./heap-helper-browser.js', import.meta.url), { type: 'module', name: `loom-heap-helper-${slot + 1}` });
  const death = helperDeath();
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    death.died(`it threw: ${event.message || 'error while loading or running'}`);
  });
  worker.addEventListener('messageerror', () => death.died('it got a message it could not read'));
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => {
      death.ended();
      worker.terminate();
    },
    onDeath: death.onDeath,
  };
}

import type { HeapHelperMessage } from './intra-op-team.js';
import { serveHeapHelper } from './heap-helper.js';

/** The parts of a dedicated worker's global scope the helper uses. */
interface HelperScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<HeapHelperMessage>) => void): void;
  close(): void;
}

// The entry of a browser heap helper: a module Web Worker started by `browserHeapHelpers`
// (nested inside the worker that runs the backend).
const scope = self as unknown as HelperScope;
serveHeapHelper(
  (handler) => scope.addEventListener('message', (event) => handler(event.data)),
  () => scope.close(),
);

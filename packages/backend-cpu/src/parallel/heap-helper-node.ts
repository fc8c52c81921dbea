import { parentPort } from 'node:worker_threads';
import type { HeapHelperMessage } from './intra-op-team.js';
import { serveHeapHelper } from './heap-helper.js';

// The entry of a Node worker_threads heap helper (started by `nodeHeapHelpers`).
const port = parentPort;
if (!port) throw new Error('heap-helper-node is a worker entry');
serveHeapHelper(
  (handler) => port.on('message', (message: HeapHelperMessage) => handler(message)),
  () => process.exit(1),
);

import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import type { EchoApi, EchoMessage } from './echo-protocol.js';

if (!parentPort) throw new Error('echo-worker is a worker entry');
const port = parentPort;

const api: EchoApi = { ping: () => 0 };
expose(api, nodeEndpoint(port));

port.on('message', (message: EchoMessage | { id?: unknown }) => {
  if (!('kind' in message)) return; // a Comlink message
  if (message.kind === 'echo') port.postMessage(message);
  else if (message.kind === 'spin') pingPong(new Int32Array(message.flag), message.rounds, message.mode);
  else if (message.kind === 'burn') port.postMessage({ ...message, result: burn(message.iterations) });
});

/** Answers `rounds` pings: waits for flag = odd, sets it to even. */
function pingPong(flag: Int32Array, rounds: number, mode: 'wait' | 'spin'): void {
  for (let round = 0; round < rounds; round++) {
    const expect = 2 * round + 1;
    if (mode === 'wait') while (Atomics.load(flag, 0) !== expect) Atomics.wait(flag, 0, expect - 1);
    else while (Atomics.load(flag, 0) !== expect);
    Atomics.store(flag, 0, expect + 1);
    if (mode === 'wait') Atomics.notify(flag, 0);
  }
}

function burn(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x + Math.sqrt(i)) % 1000;
  return x;
}

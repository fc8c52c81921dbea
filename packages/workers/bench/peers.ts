import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Selects a tfjs backend ('cpu' or 'wasm', single-threaded in Node), quietly. */
export async function useTfjs(backend: 'cpu' | 'wasm'): Promise<typeof tf> {
  tf.enableProdMode();
  if (backend === 'wasm') {
    const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(pathToFileURL(wasmDir + '/').href);
  }
  await tf.setBackend(backend);
  await tf.ready();
  return tf;
}

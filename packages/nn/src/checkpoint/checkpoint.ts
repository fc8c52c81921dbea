import { formatShape, fromArray, realize, shapesEqual, type Tensor } from '@loom/graph';
import type { Module, StateDict } from '../core/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import { decodeCheckpoint, encodeCheckpoint, type NamedArray } from './checkpoint-format.js';

const modelPrefix = 'model.';
const optimizerPrefix = 'optimizer.';

/**
 * Saves a model's parameters and buffers (and an optimizer's state) into one ArrayBuffer: a JSON
 * header and the binary weights. Write it to a file in Node, or to IndexedDB in a browser.
 */
export async function saveCheckpoint(model: Module, optimizer?: Optimizer, metadata: Record<string, unknown> = {}): Promise<ArrayBuffer> {
  const named: [string, Tensor][] = [
    ...Object.entries(model.stateDict()).map(([name, t]): [string, Tensor] => [modelPrefix + name, t]),
    ...Object.entries(optimizer?.stateDict() ?? {}).map(([name, t]): [string, Tensor] => [optimizerPrefix + name, t]),
  ];
  await realize(...named.map(([, t]) => t));
  const arrays: NamedArray[] = [];
  for (const [name, t] of named) arrays.push({ name, shape: t.shape, data: await t.data() });
  return encodeCheckpoint(arrays, metadata);
}

/**
 * Loads a checkpoint into `model` (and `optimizer`), keeping their tensors' identity. A name that
 * is missing, unexpected, or saved with another shape fails before anything changes, naming it.
 * Returns the checkpoint's metadata.
 */
export async function loadCheckpoint(file: ArrayBuffer | Uint8Array, model: Module, optimizer?: Optimizer): Promise<Record<string, unknown>> {
  const { header, arrays } = decodeCheckpoint(file);
  const section = (prefix: string, expected: StateDict, what: string): StateDict => {
    const out: StateDict = {};
    for (const [name, target] of Object.entries(expected)) {
      const saved = arrays.get(prefix + name);
      if (!saved) throw new Error(`loadCheckpoint: ${what} "${name}" is not in the checkpoint`);
      if (!shapesEqual(saved.shape, target.shape))
        throw new Error(`loadCheckpoint: ${what} "${name}" has shape ${formatShape(target.shape)} but the checkpoint has ${formatShape(saved.shape)}`);
      out[name] = fromArray(saved.data, saved.shape);
    }
    const extra = [...arrays.keys()].filter((key) => key.startsWith(prefix) && !(key.slice(prefix.length) in expected));
    if (extra.length) throw new Error(`loadCheckpoint: the checkpoint has ${what} entries this ${what} lacks: ${extra.map((k) => k.slice(prefix.length)).join(', ')}`);
    return out;
  };
  const modelState = section(modelPrefix, model.stateDict(), 'model');
  const optimizerState = optimizer ? section(optimizerPrefix, optimizer.stateDict(), 'optimizer') : undefined;
  await model.loadStateDict(modelState);
  if (optimizer && optimizerState) await optimizer.loadStateDict(optimizerState);
  return header.metadata;
}

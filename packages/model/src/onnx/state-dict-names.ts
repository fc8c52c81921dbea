import type { Tensor } from '@loom/graph';
import type { StateDict } from '@loom/nn';
import type { HostTensor } from './graph-builder.js';

function isHostTensor(value: Tensor | HostTensor): value is HostTensor {
  return 'data' in value && (value.data instanceof Float32Array || value.data instanceof Int32Array);
}

/** Reads every tensor of a state dict to the host (one `data()` each), keeping names. */
export async function hostStateDict(state: StateDict | Record<string, HostTensor>): Promise<Map<string, HostTensor>> {
  const out = new Map<string, HostTensor>();
  for (const [name, value] of Object.entries(state)) {
    if (isHostTensor(value)) {
      out.set(name, value);
      continue;
    }
    const data = await value.data();
    out.set(name, { data: data instanceof Int32Array ? data : Float32Array.from(data as ArrayLike<number>), shape: [...value.shape] });
  }
  return out;
}

/** The separator between a node id and its module's own tensor names in a compiled model's state dict. */
export const nodeWeightSeparator = '.';

/** A compiled model's state-dict name for tensor `name` of document node `nodeId`. */
export function stateDictName(nodeId: string, name: string): string {
  return `${nodeId}${nodeWeightSeparator}${name}`;
}

/** The tensors of one document node, by their name inside the node's module ('weight', 'cells.0.biasIh'). */
export function nodeWeights(weights: ReadonlyMap<string, HostTensor>, nodeId: string): Map<string, HostTensor> {
  const prefix = stateDictName(nodeId, '');
  const own = new Map<string, HostTensor>();
  for (const [name, t] of weights) if (name.startsWith(prefix)) own.set(name.slice(prefix.length), t);
  return own;
}

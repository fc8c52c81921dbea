import type { HostTensor } from '../graph-builder.js';
import type { LoomNodeRecord } from '../loom-metadata.js';
import type { DocumentWriter } from './document-writer.js';
import type { ImportedValue } from './op-context.js';
import { recurrentCellWeights, transposed } from './weight-layouts.js';

/** Initializer hints that are derived constants, not weights (positional tables, masks, shapes). */
const derived = /^(table|causalBias|const)(_\d+)?$/;

/** Local prefixes emitters give a layer's own tensors ('linear.weight' for a Linear). */
const ownPrefix: Record<string, string> = { Linear: 'linear.', LayerNorm: 'norm.' };

/**
 * A Loom node's state dict from the initializers its export wrote (`<hint>` → tensor): transposed
 * matrices ('…weightT') go back to [out, in], recurrent W/R/B back to PyTorch's gate order, and
 * the ones (scale) and zeros (shift) written for non-affine norms are dropped.
 */
export function loomNodeWeights(record: LoomNodeRecord, initializers: ReadonlyMap<string, HostTensor>): Record<string, HostTensor> {
  const out: Record<string, HostTensor> = {};
  const cells = new Map<number, Partial<Record<'W' | 'R' | 'B', HostTensor>>>();
  for (const [hint, tensor] of initializers) {
    if (derived.test(hint)) continue;
    const cell = /^cells\.(\d+)\.(W|R|B)$/.exec(hint);
    if (cell) {
      const layer = Number(cell[1]);
      cells.set(layer, { ...cells.get(layer), [cell[2]]: tensor });
      continue;
    }
    const prefix = ownPrefix[record.type];
    const name = prefix && hint.startsWith(prefix) ? hint.slice(prefix.length) : hint;
    if (name.endsWith('weightT')) out[name.slice(0, -1)] = transposed(tensor);
    else out[name] = tensor;
  }
  const type = record.type;
  if (type === 'RNN' || type === 'LSTM' || type === 'GRU')
    for (const [layer, { W, R, B }] of cells) {
      if (!W || !R) throw new Error(`importOnnx: Loom node "${record.id}" (${type}): layer ${layer} lacks W or R`);
      for (const [name, value] of Object.entries(recurrentCellWeights(type, W, R, B))) out[`cells.${layer}.${name}`] = value;
    }
  const notAffine = (type.startsWith('BatchNorm') && record.params.affine === false) || (type === 'LayerNorm' && record.params.elementwiseAffine === false);
  if (notAffine) {
    delete out.weight;
    delete out.bias;
  }
  return out;
}

/**
 * Rebuilds one node of a Loom-exported model from its record: same id (when free), type and
 * params, wired to the values its ports read, with the weights its export wrote.
 */
export function importLoomNode(
  record: LoomNodeRecord,
  writer: DocumentWriter,
  values: Map<string, ImportedValue>,
  initializers: ReadonlyMap<string, HostTensor>,
): void {
  const where = `Loom node "${record.id}" (${record.type})`;
  const inputs: Record<string, { node: string; port: string }> = {};
  for (const [port, name] of Object.entries(record.inputs)) {
    const value = values.get(name);
    if (value?.kind !== 'port') throw new Error(`importOnnx: ${where}: its input ${port} reads "${name}", which is not a tensor Loom knows`);
    inputs[port] = value.ref;
  }
  const id = writer.add(record.type, record.params, inputs, record.id, where);
  for (const [name, tensor] of Object.entries(loomNodeWeights(record, initializers))) writer.setWeight(id, name, tensor);
  for (const [port, name] of Object.entries(record.outputs)) values.set(name, { kind: 'port', ref: { node: id, port } });
}

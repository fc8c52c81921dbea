import type { ParamValue } from '../document/model-document.js';

/** The metadata_props key under which an exported model lists the document nodes it came from. */
export const loomNodesKey = 'loom.nodes';

/**
 * One document node as recorded in an exported model: its type and params, and the ONNX values
 * its ports map to. Its ONNX nodes and initializers are named `<id>/…`. The importer uses these
 * records to rebuild composite layers (attention, recurrent stacks) that ONNX spells as many ops.
 */
export interface LoomNodeRecord {
  id: string;
  type: string;
  params: Record<string, ParamValue>;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}

function isRecord(value: unknown): value is LoomNodeRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const isMap = (m: unknown) => typeof m === 'object' && m !== null && Object.values(m).every((v) => typeof v === 'string');
  return typeof r.id === 'string' && typeof r.type === 'string' && typeof r.params === 'object' && r.params !== null && isMap(r.inputs) && isMap(r.outputs);
}

/** The node records of a Loom-exported model, or undefined when absent or malformed (then ops are read one by one). */
export function readLoomNodes(metadata: readonly { key?: string; value?: string }[] | undefined): LoomNodeRecord[] | undefined {
  const entry = metadata?.find((m) => m.key === loomNodesKey);
  if (!entry?.value) return undefined;
  try {
    const parsed: unknown = JSON.parse(entry.value);
    return Array.isArray(parsed) && parsed.every(isRecord) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

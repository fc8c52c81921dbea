import { fromArray, registerBackend, setBackend, type Tensor } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import type { StateDict } from '@loom/nn';
import type { TensorType } from '../../analysis/tensor-type.js';
import type { DocEdge, DocNode, ModelDocument, ParamValue } from '../../document/model-document.js';
import { defaultParams, nodeTypes } from '../../node-types/registry.js';
import { exportOnnx } from '../export-onnx.js';
import { importOnnx } from '../import-onnx.js';
import { loomNodesKey } from '../loom-metadata.js';
import { decodeOnnxModel, encodeOnnxModel } from '../onnx-proto.js';
import { maxAbsDiff, runOnnx, type HostValue } from './run-onnx.js';

/** Selects the in-process CPU backend for a test file. */
export async function useCpu(): Promise<void> {
  registerBackend('cpu', () => new CpuBackend());
  await setBackend('cpu');
}

/** A small deterministic generator (tests must not depend on Math.random's sequence). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Random values for a concrete type: floats in [-1, 1), or int32 ids below `maxId`. */
export function randomValue(type: { dtype: 'float32' | 'int32'; shape: readonly number[] }, random: () => number, maxId = 2): HostValue {
  const size = type.shape.reduce((n, d) => n * d, 1);
  const data = type.dtype === 'int32' ? Int32Array.from({ length: size }, () => Math.floor(random() * maxId)) : Float32Array.from({ length: size }, () => random() * 2 - 1);
  return { data, shape: type.shape };
}

/**
 * Replaces tensors of a state dict by random values in [-1, 1) (variances in [0.5, 1.5)), so
 * exports are checked on non-trivial weights and statistics; `only` limits it to matching names.
 */
export function randomizeState(state: StateDict, random: () => number, only: RegExp = /./): StateDict {
  return Object.fromEntries(
    Object.entries(state).map(([name, t]) => {
      if (!only.test(name)) return [name, t];
      const size = t.shape.reduce((n, d) => n * d, 1);
      const positive = /runningVar$/.test(name);
      const data = Float32Array.from({ length: size }, () => (positive ? 0.5 + random() : random() * 2 - 1));
      return [name, fromArray(data, t.shape)];
    }),
  );
}

/** A document: one `input` node per input port, the node under test, one `output` node per output port. */
export function singleNodeDocument(type: string, params: Record<string, ParamValue>, inputs: Record<string, TensorType>, outputs: string[]): ModelDocument {
  const nodes: DocNode[] = [];
  const edges: DocEdge[] = [];
  for (const [port, t] of Object.entries(inputs)) {
    nodes.push({ id: `x_${port}`, type: 'input', params: { shape: t.shape.slice(1) as number[], dtype: t.dtype } });
    edges.push({ id: `e_${port}`, from: { node: `x_${port}`, port: 'out' }, to: { node: 'layer', port } });
  }
  nodes.push({ id: 'layer', type, params });
  for (const port of outputs) {
    nodes.push({ id: `y_${port}`, type: 'output', params: {} });
    edges.push({ id: `o_${port}`, from: { node: 'layer', port }, to: { node: `y_${port}`, port: 'in' } });
  }
  return { format: 'loom-model', version: 1, name: `${type} check`, nodes, edges };
}

/** The same model without the records of Loom's nodes, as a model made by another tool would come: ops are read one by one. */
export function withoutLoomRecords(bytes: Uint8Array): Uint8Array {
  const model = decodeOnnxModel(bytes);
  return encodeOnnxModel({ ...model, metadataProps: (model.metadataProps ?? []).filter((m) => m.key !== loomNodesKey) });
}

export interface NodeCheck {
  /** Max abs difference per output port, Loom vs onnxruntime on the exported model. */
  exported: Record<string, number>;
  /** The same after importing the ONNX file and exporting the imported document again. */
  roundTrip: Record<string, number>;
  onnx: Uint8Array;
}

/**
 * Builds one node with random weights (evaluation mode), runs it in Loom on random inputs, exports
 * it to ONNX and runs that in onnxruntime; then imports the ONNX file (op by op when `foreign`),
 * re-exports it and runs it again. Returns the worst absolute differences per output.
 */
export async function checkNodeAgainstOnnx(
  type: string,
  params: Record<string, ParamValue>,
  inputs: Record<string, { dtype: 'float32' | 'int32'; shape: number[] }>,
  { batch = 3, seed = 7, maxId = 2, foreign = false }: { batch?: number; seed?: number; maxId?: number; foreign?: boolean } = {},
): Promise<NodeCheck> {
  const random = seededRandom(seed);
  const definition = nodeTypes.definition(type);
  if (!definition?.build) throw new Error(`checkNodeAgainstOnnx: ${type} has no builder`);
  const resolved = { ...defaultParams(type), ...params };
  const symbolic = Object.fromEntries(Object.entries(inputs).map(([p, t]): [string, TensorType] => [p, { dtype: t.dtype, shape: ['N', ...t.shape] }]));
  const outputs = Object.keys(definition.inferShapes(symbolic, resolved));
  const runtime = definition.build(resolved, { seed: 1, inputs: symbolic });
  const state: StateDict = {};
  if (runtime.module) {
    await runtime.module.loadStateDict(randomizeState(runtime.module.stateDict(), random));
    runtime.module.eval();
    for (const [name, t] of Object.entries(runtime.module.stateDict())) state[`layer.${name}`] = t;
  }
  const feeds: Record<string, HostValue> = {};
  const tensors: Record<string, Tensor> = {};
  for (const [port, t] of Object.entries(inputs)) {
    const value = randomValue({ dtype: t.dtype, shape: [batch, ...t.shape] }, random, maxId);
    feeds[`x_${port}`] = value;
    tensors[port] = fromArray(value.data, value.shape);
  }
  const loom = runtime.forward(tensors);
  const doc = singleNodeDocument(type, params, symbolic, outputs);
  const onnx = await exportOnnx(doc, state);
  const compare = async (bytes: Uint8Array) => {
    const ran = await runOnnx(bytes, feeds);
    const diffs: Record<string, number> = {};
    for (const port of outputs) diffs[port] = maxAbsDiff(await loom[port].data(), ran[`y_${port}`]?.data ?? []);
    return diffs;
  };
  const exported = await compare(onnx);
  const imported = importOnnx(foreign ? withoutLoomRecords(onnx) : onnx);
  const roundTrip = await compare(await exportOnnx(imported.document, imported.stateDict));
  return { exported, roundTrip, onnx };
}

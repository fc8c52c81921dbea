import { fromArray, type Tensor } from '@loom/graph';
import type { ModelDocument } from '../document/model-document.js';
import { scopeName, type HostTensor } from './graph-builder.js';
import { DocumentWriter } from './import/document-writer.js';
import { graphOpImporters } from './import/graph-op-importers.js';
import { layerImporters } from './import/layer-importers.js';
import { importLoomNode } from './import/loom-group-importer.js';
import type { ImportedValue, OpContext, OpImporter } from './import/op-context.js';
import { Attributes, describeNode, tensorToHost } from './import/onnx-values.js';
import { recurrentImporters } from './import/recurrent-importer.js';
import { shapeImporters } from './import/shape-importers.js';
import { carriedDocument } from './loom-document-metadata.js';
import { readLoomNodes, type LoomNodeRecord } from './loom-metadata.js';
import { decodeOnnxModel, OnnxDataType, type OnnxGraph, type OnnxNode } from './onnx-proto.js';

/** Every ONNX op the importer reads, by op type. */
export const onnxImporters: Readonly<Record<string, OpImporter>> = { ...layerImporters, ...graphOpImporters, ...recurrentImporters, ...shapeImporters };

/** The oldest default-domain opset the importer reads (Squeeze, Softmax and friends changed at 13). */
export const oldestImportOpset = 13;

/**
 * Reads an ONNX model into a model document and its weights, so a model made elsewhere opens in
 * the editor: graph inputs become `input` nodes (the first axis is the batch), graph outputs
 * `output` nodes, and the supported ops (Gemm, MatMul[+Add], Conv, MaxPool, AveragePool, Flatten,
 * BatchNormalization, LayerNormalization, Gather, the activations, Dropout/Identity, Add, Concat,
 * Reshape (to a constant shape or one computed by Shape/Gather/Unsqueeze/Concat), RNN/LSTM/GRU [+Squeeze, and Transpose [1, 0, 2] around them for batch-first]) become layers. A model Loom exported is rebuilt node for
 * node from the records it carries (attention and transformer layers included), and comes back as
 * the document it was exported from (dataset, loss, optimizer, training settings, layout) when its
 * layers are unchanged. Any other op is
 * an error naming the node and the op. State-dict names are `<nodeId>.<param>`.
 *
 * @example const { document, stateDict } = importOnnx(new Uint8Array(await readFile('model.onnx')))
 */
export function importOnnx(bytes: Uint8Array): { document: ModelDocument; stateDict: Record<string, Tensor> } {
  const model = decodeOnnxModel(bytes);
  const graph = model.graph;
  if (!graph) throw new Error('importOnnx: the model has no graph');
  const opset = model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version ?? 0;
  if (opset < oldestImportOpset) throw new Error(`importOnnx: the model uses opset ${opset}; Loom reads opset ${oldestImportOpset} or later`);

  const constants = new Map<string, HostTensor>();
  for (const t of graph.initializer ?? []) if (t.name) constants.set(t.name, tensorToHost(t));
  const writer = new DocumentWriter();
  const values = new Map<string, ImportedValue>();
  addInputs(graph, constants, writer, values);

  const consumers = new Map<string, number>();
  const count = (name: string) => consumers.set(name, (consumers.get(name) ?? 0) + 1);
  for (const node of graph.node ?? []) (node.input ?? []).forEach(count);
  for (const output of graph.output ?? []) count(output.name);

  const records = usableRecords(readLoomNodes(model.metadataProps), graph);
  const done = new Set<string>();
  const biasless = new Map<string, string>();
  for (const node of graph.node ?? []) {
    const record = records.find((r) => node.name?.startsWith(`${scopeName(r.id)}/`));
    if (record) {
      if (!done.has(record.id)) importLoomNode(record, writer, values, initializersOf(record, graph, constants));
      done.add(record.id);
      continue;
    }
    if (node.opType === 'Constant') {
      const value = new Attributes(node).tensor('value');
      if (!value) throw new Error(`importOnnx: ${describeNode(node)}: only tensor-valued Constants are supported`);
      constants.set(node.output![0], tensorToHost(value));
      continue;
    }
    const importer = onnxImporters[node.opType];
    if (!importer || (node.domain && node.domain !== 'ai.onnx'))
      throw new Error(
        `importOnnx: ${describeNode(node)}: op ${node.domain ? `${node.domain}.` : ''}${node.opType} is not supported. Supported ops: ${Object.keys(onnxImporters).sort().join(', ')}`,
      );
    importer(opContext(node, writer, values, constants, consumers, biasless));
  }

  for (const output of graph.output ?? []) {
    const value = values.get(output.name);
    if (value?.kind !== 'port') throw new Error(`importOnnx: graph output "${output.name}" is not computed by a supported op`);
    writer.add('output', {}, { in: value.ref }, output.name, `output "${output.name}"`);
  }
  const stateDict = Object.fromEntries([...writer.weights].map(([name, t]) => [name, fromArray(t.data, t.shape)]));
  const rebuilt = writer.document(graph.name || 'imported', model.docString || undefined);
  // A Loom export rebuilt node for node comes back as the document it was exported from.
  const document = (records.length > 0 ? carriedDocument(model.metadataProps, rebuilt) : undefined) ?? rebuilt;
  return { document, stateDict };
}

function addInputs(graph: OnnxGraph, constants: ReadonlyMap<string, HostTensor>, writer: DocumentWriter, values: Map<string, ImportedValue>): void {
  for (const input of graph.input ?? []) {
    if (constants.has(input.name)) continue;
    const tensorType = input.type?.tensorType;
    const where = `graph input "${input.name}"`;
    const elem = tensorType?.elemType;
    const dtype = elem === OnnxDataType.float || elem === OnnxDataType.double ? 'float32' : elem === OnnxDataType.int64 || elem === OnnxDataType.int32 ? 'int32' : undefined;
    if (!dtype) throw new Error(`importOnnx: ${where} has element type ${elem}; Loom reads float and integer inputs`);
    const dims = tensorType?.shape?.dim ?? [];
    if (dims.length < 1) throw new Error(`importOnnx: ${where} needs a batch axis first`);
    const shape = dims.slice(1).map((d, i) => {
      if (typeof d.dimValue !== 'number' || d.dimValue < 1)
        throw new Error(`importOnnx: ${where}: axis ${i + 1} is ${d.dimParam ?? 'unknown'}; Loom needs fixed sizes except the batch axis`);
      return d.dimValue;
    });
    const id = writer.add('input', { shape, dtype }, {}, input.name, where);
    values.set(input.name, { kind: 'port', ref: { node: id, port: 'out' } });
  }
}

/** The records of a Loom export, if every value they name is in the graph (another tool may have rewritten it). */
function usableRecords(records: LoomNodeRecord[] | undefined, graph: OnnxGraph): LoomNodeRecord[] {
  if (!records) return [];
  const known = new Set([...(graph.input ?? []).map((i) => i.name), ...(graph.node ?? []).flatMap((n) => n.output ?? [])]);
  return records.every((r) => [...Object.values(r.inputs), ...Object.values(r.outputs)].every((v) => known.has(v))) ? records : [];
}

/** A record's initializers by the hint after `<id>/`. */
function initializersOf(record: LoomNodeRecord, graph: OnnxGraph, constants: ReadonlyMap<string, HostTensor>): Map<string, HostTensor> {
  const prefix = `${scopeName(record.id)}/`;
  const out = new Map<string, HostTensor>();
  for (const t of graph.initializer ?? []) if (t.name?.startsWith(prefix)) out.set(t.name.slice(prefix.length), constants.get(t.name)!);
  return out;
}

function opContext(
  node: OnnxNode,
  writer: DocumentWriter,
  values: Map<string, ImportedValue>,
  constants: ReadonlyMap<string, HostTensor>,
  consumers: ReadonlyMap<string, number>,
  biasless: Map<string, string>,
): OpContext {
  const where = describeNode(node);
  const inputs = node.input ?? [];
  const outputs = node.output ?? [];
  const ctx: OpContext = {
    node,
    attrs: new Attributes(node),
    where,
    writer,
    idHint: node.name || outputs[0] || node.opType,
    biasless,
    has: (i) => Boolean(inputs[i]),
    imported: (i) => values.get(inputs[i]),
    constant: (i) => constants.get(inputs[i]),
    port: (i) => {
      const value = values.get(inputs[i]);
      if (value?.kind === 'port') return value.ref;
      if (constants.has(inputs[i])) throw new Error(`importOnnx: ${where}: input ${i} ("${inputs[i]}") is a constant where Loom needs a computed tensor`);
      if (value?.kind === 'recurrent-y') throw new Error(`importOnnx: ${where}: reads the 4-D output of a recurrent op; only Squeeze(axis 1) of it is supported`);
      if (value?.kind === 'shape') throw new Error(`importOnnx: ${where}: reads a shape as a tensor; shapes may only feed Reshape`);
      if (value?.kind === 'transposed')
        throw new Error(`importOnnx: ${where}: reads a transposed sequence; only an RNN, LSTM or GRU (or a transpose back) may read Transpose [1, 0, 2]`);
      throw new Error(`importOnnx: ${where}: input ${i} ("${inputs[i] ?? ''}") is missing or not computed by a supported op`);
    },
    weight: (i, what) => {
      const value = constants.get(inputs[i]);
      if (!value) throw new Error(`importOnnx: ${where}: ${what} (input ${i}) must be a constant initializer`);
      return value;
    },
    define: (i, value) => {
      if (outputs[i]) values.set(outputs[i], value);
    },
    consumers: (i) => consumers.get(outputs[i]) ?? 0,
  };
  return ctx;
}

import type { StateDict } from '@loom/nn';
import type { DocNode, ModelDocument } from '../document/model-document.js';
import type { TensorType } from '../analysis/tensor-type.js';
import { analyseForExport } from './document-analysis.js';
import type { EmitContext } from './export/emit-context.js';
import { onnxEmitters } from './export/emitters.js';
import { GraphBuilder, type HostTensor, type OnnxDim } from './graph-builder.js';
import { loomDocumentKey } from './loom-document-metadata.js';
import { loomNodesKey, type LoomNodeRecord } from './loom-metadata.js';
import { encodeOnnxModel, OnnxDataType } from './onnx-proto.js';
import { hostStateDict, nodeWeights } from './state-dict-names.js';

/** The ONNX opset Loom writes (LayerNormalization needs 17). */
export const onnxOpset = 17;
/** The IR version that goes with opset 17. */
export const onnxIrVersion = 8;

/** Node categories that do not compute at inference and are left out of the ONNX graph. */
const trainingOnly = new Set(['loss', 'optimizer']);

const elemType = (t: TensorType) => (t.dtype === 'int32' ? OnnxDataType.int64 : OnnxDataType.float);

/**
 * Writes a model document with its trained weights as an ONNX model (opset 17), for inference:
 * dropout is the identity, BatchNorm uses its running statistics. Graph inputs are the document's
 * `input` nodes (or the dataset's `inputs`), named by node id; int32 ids become int64, ONNX's index
 * type. Outputs are the `output` nodes, or else what the loss's prediction port reads. The batch
 * dimension is the symbol 'N'. `stateDict` is the compiled module's (names `<nodeId>.<param>`).
 * The document itself rides along in the metadata, so importOnnx can give back its dataset, loss,
 * optimizer, training settings and layout.
 *
 * @example await writeFile('mlp.onnx', await exportOnnx(doc, compileModel(doc).module.stateDict()))
 */
export async function exportOnnx(doc: ModelDocument, stateDict: StateDict | Record<string, HostTensor>): Promise<Uint8Array> {
  const weights = await hostStateDict(stateDict);
  const analysis = analyseForExport(doc);
  const g = new GraphBuilder();
  const values = new Map<string, string>();
  const key = (node: string, port: string) => `${node}\u0000${port}`;
  const predictions: { name: string; value: string; type: TensorType }[] = [];
  const outputs: { name: string; value: string; type: TensorType }[] = [];
  const records: LoomNodeRecord[] = [];

  for (const node of analysis.order) {
    const incoming = analysis.incoming(node.id);
    const inputs: Record<string, string> = {};
    const inputShapes: Record<string, readonly OnnxDim[]> = {};
    for (const [port, source] of Object.entries(incoming)) {
      const value = values.get(key(source.node, source.port));
      if (value === undefined) continue;
      inputs[port] = value;
      inputShapes[port] = analysis.typeOf(source.node, source.port).shape;
    }
    const outputTypes = analysis.outputTypes(node.id);
    if (node.type === 'dataset' || node.type === 'input') {
      const port = node.type === 'dataset' ? 'inputs' : 'out';
      const type = outputTypes[port];
      const name = node.type === 'dataset' ? 'input' : node.id;
      g.input(name, elemType(type), type.shape);
      values.set(key(node.id, port), name);
      continue;
    }
    if (node.type === 'output') {
      const source = incoming.in;
      if (inputs.in && source) outputs.push({ name: node.id, value: inputs.in, type: analysis.typeOf(source.node, source.port) });
      continue;
    }
    if (trainingOnly.has(node.type)) {
      const source = incoming.prediction;
      if (node.type === 'loss' && inputs.prediction && source)
        predictions.push({ name: predictions.length ? `output_${predictions.length}` : 'output', value: inputs.prediction, type: analysis.typeOf(source.node, source.port) });
      continue;
    }
    const produced = emitNode(g, node, analysis.params(node), inputs, inputShapes, weights);
    for (const [port, value] of Object.entries(produced)) values.set(key(node.id, port), value);
    records.push({ id: node.id, type: node.type, params: analysis.params(node), inputs, outputs: produced });
  }
  g.scope = '';
  const chosen = outputs.length ? outputs : predictions;
  if (!chosen.length) throw new Error('exportOnnx: the document has no output node and no loss to read the prediction from');
  for (const { name, value, type } of chosen) g.output(name, value, elemType(type), type.shape);
  return encodeOnnxModel({
    irVersion: onnxIrVersion,
    producerName: 'loom',
    producerVersion: '0.0.0',
    opsetImport: [{ domain: '', version: onnxOpset }],
    docString: doc.description ?? '',
    graph: g.graph(doc.name || 'loom-model'),
    metadataProps: [
      { key: loomNodesKey, value: JSON.stringify(records) },
      { key: loomDocumentKey, value: JSON.stringify(doc) },
    ],
  });
}

function emitNode(
  g: GraphBuilder,
  node: DocNode,
  params: EmitContext['params'],
  inputs: Record<string, string>,
  inputShapes: EmitContext['inputShapes'],
  weights: Map<string, HostTensor>,
): Record<string, string> {
  const emitter = onnxEmitters[node.type];
  if (!emitter) throw new Error(`exportOnnx: node "${node.id}": type ${node.type} has no ONNX form`);
  const own = nodeWeights(weights, node.id);
  g.scope = node.id;
  return emitter({
    g,
    nodeId: node.id,
    type: node.type,
    params,
    inputs,
    inputShapes,
    hasWeight: (name) => own.has(name),
    weight: (name) => {
      const t = own.get(name);
      if (!t) throw new Error(`exportOnnx: node "${node.id}" (${node.type}): "${node.id}.${name}" is not in the state dict`);
      return t;
    },
  });
}

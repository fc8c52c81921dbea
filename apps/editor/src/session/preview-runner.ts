import { fromArray, noGrad, type Tensor } from '@loom/graph';
import type { Dataset } from '@loom/data';
import {
  ModelAnalysis,
  nodeSeed,
  nodeTypes,
  resolveParams,
  type GraphModule,
  type NodeRuntime,
  type TensorType,
} from '@loom/model';
import type { DocNode, ModelDocument } from '../model.js';
import { downsample } from '../preview/downsample.js';
import { previewKind } from '../preview/preview-kind.js';
import { imageGrid, valueStats } from '../preview/value-stats.js';
import { inputEdges, topologicalOrder } from './document-graph.js';
import type { NodePreview, PreviewResult } from './protocol.js';
import type { SessionData } from './session-data.js';
import { runtimeOf } from './session-model.js';

/** What the preview keeps per node between edits: the key it was computed for and its outputs. */
export interface PreviewEntry {
  key: string;
  outputs: Record<string, Tensor>;
  preview: NodePreview;
}

export type PreviewCache = Map<string, PreviewEntry>;

/**
 * Runs the first test example through the document node by node and summarises each node's
 * output. A node is recomputed only when its @loom/model ModelAnalysis cache key changed (an edit
 * to it or upstream of it) or when the weights it shows changed (`weights`: 'initial' or a trained
 * version); every other node's value comes from `cache`. With `trained`, layers use its weights.
 */
export async function previewDocument(
  document: ModelDocument,
  data: SessionData,
  cache: PreviewCache,
  trained?: GraphModule,
  weights = 'initial',
): Promise<PreviewResult> {
  const analysis = new ModelAnalysis(document);
  const byId = new Map(document.nodes.map((n) => [n.id, n]));
  const recomputed: string[] = [];
  for (const [id, entry] of cache)
    if (!byId.has(id)) {
      dispose(entry);
      cache.delete(id);
    }
  const wasTraining = trained?.training ?? false;
  trained?.eval();
  try {
    for (const id of topologicalOrder(document)) {
      const node = byId.get(id)!;
      const key = `${analysis.cacheKey(id)}:${node.type === 'dataset' ? 'data' : weights}`;
      if (cache.get(id)?.key === key) continue;
      recomputed.push(id);
      const old = cache.get(id);
      const entry = await computeNode(document, analysis, node, key, data.test, cache, trained);
      cache.set(id, entry);
      if (old) dispose(old, entry);
    }
  } finally {
    trained?.train(wasTraining);
  }
  const previews = document.nodes
    .map((n) => cache.get(n.id)?.preview)
    .filter((p): p is NodePreview => p !== undefined);
  return { previews, recomputed };
}

function dispose(entry: PreviewEntry, keep?: PreviewEntry): void {
  for (const t of Object.values(entry.outputs))
    if (!keep || !Object.values(keep.outputs).includes(t)) t.dispose();
}

/** One example of `sample` as the dataset node's outputs: inputs [1, ...] and targets [1, ...]. */
function datasetOutputs(sample: Dataset): Record<string, Tensor> {
  const per = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const inputs = fromArray(sample.inputs.slice(0, per(sample.inputShape)), [
    1,
    ...sample.inputShape,
  ]);
  const targets = fromArray(sample.targets.slice(0, per(sample.targetShape)), [
    1,
    ...sample.targetShape,
  ]);
  return { inputs, targets };
}

/** Builds a node as compileModel would (resolved params, the same seed), for the untrained preview. */
function buildNode(
  document: ModelDocument,
  analysis: ModelAnalysis,
  node: DocNode,
): NodeRuntime | undefined {
  const definition = nodeTypes.definition(node.type);
  const nodeType = nodeTypes.get(node.type);
  if (!definition?.build || !nodeType) return undefined;
  const inputs: Record<string, TensorType> = {};
  for (const [port, edge] of inputEdges(document, node.id)) {
    const type = analysis.typeOf(edge.from);
    if (type) inputs[port] = type;
  }
  return definition.build(resolveParams(nodeType, node).params, {
    seed: nodeSeed(document, node.id),
    inputs,
  });
}

async function computeNode(
  document: ModelDocument,
  analysis: ModelAnalysis,
  node: DocNode,
  key: string,
  sample: Dataset,
  cache: PreviewCache,
  trained?: GraphModule,
): Promise<PreviewEntry> {
  const id = node.id;
  if (node.type === 'dataset') {
    const outputs = datasetOutputs(sample);
    return { key, outputs, preview: await summarize(id, key, outputs.inputs) };
  }
  const problems = analysis.diagnosticsOf(id).filter((d) => d.severity === 'error');
  if (problems.length) return failed(id, key, problems[0].message);
  const inputs: Record<string, Tensor> = {};
  for (const [port, edge] of inputEdges(document, id)) {
    const upstream = cache.get(edge.from.node);
    const value = upstream?.outputs[edge.from.port];
    if (value) inputs[port] = value;
    else if (upstream?.preview.error) return failed(id, key, 'an upstream node failed');
  }
  try {
    const runtime = (trained && runtimeOf(trained, id)) ?? buildNode(document, analysis, node);
    if (!runtime || Object.keys(inputs).length === 0)
      return { key, outputs: {}, preview: { nodeId: id, key, shape: [] } };
    const outputs = noGrad(() => runtime.forward(inputs));
    const main = outputs.out ?? Object.values(outputs)[0];
    return {
      key,
      outputs,
      preview: main ? await summarize(id, key, main) : { nodeId: id, key, shape: [] },
    };
  } catch (error) {
    return failed(id, key, error instanceof Error ? error.message : String(error));
  }
}

function failed(nodeId: string, key: string, error: string): PreviewEntry {
  return { key, outputs: {}, preview: { nodeId, key, shape: [], error } };
}

/** How many points a series preview keeps. */
const seriesPoints = 48;

async function summarize(nodeId: string, key: string, value: Tensor): Promise<NodePreview> {
  const values = await value.data();
  const shape = [...value.shape];
  const numbers =
    values instanceof Float32Array || values instanceof Int32Array
      ? values
      : Float32Array.from(values);
  // Only small arrays cross to the main thread: four channels of an image, or 48 series points.
  const kind = previewKind(shape);
  const image = kind === 'image' ? imageGrid(numbers, shape.slice(1), 4) : undefined;
  const series = kind === 'series' ? downsample(numbers, seriesPoints) : undefined;
  return {
    nodeId,
    key,
    shape,
    stats: valueStats(numbers),
    ...(image ? { image } : {}),
    ...(series ? { series } : {}),
  };
}

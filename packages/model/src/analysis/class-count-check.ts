import type { Diagnostic } from '../document/diagnostic.js';
import type { DocNode, PortRef } from '../document/model-document.js';
import { datasetCatalog, datasetParamsOf } from '../datasets/dataset-catalog.js';
import { nodeTypes } from '../node-types/registry.js';
import type { DocumentGraph } from './document-graph.js';
import { resolveParams } from './resolve-params.js';
import type { TensorType } from './tensor-type.js';

/** Losses whose prediction holds one score per class on its last axis. */
const classScoreLosses = new Set(['crossEntropy', 'nllLoss']);

/**
 * A classification loss fed labels straight from a dataset must score every class the dataset has:
 * fewer scores than classes is an error (labels past the last score have no logit, so training
 * fails or learns nothing for them); more is a warning (the extra outputs are never the answer).
 * Shapes alone cannot see this, because labels are int32 [N] whatever their range.
 */
export function checkClassCounts(graph: DocumentGraph, typeOf: (ref: PortRef) => TensorType | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lossType = nodeTypes.get('loss');
  for (const loss of graph.order) {
    if (loss.type !== 'loss' || !lossType) continue;
    const resolved = resolveParams(lossType, loss);
    if (!resolved.valid || !classScoreLosses.has(String(resolved.params.kind))) continue;
    const incoming = graph.incoming.get(loss.id);
    const targetEdge = incoming?.get('target');
    const predictionEdge = incoming?.get('prediction');
    const dataset = targetEdge && graph.nodes.get(targetEdge.from.node);
    if (!predictionEdge || !dataset || dataset.type !== 'dataset' || targetEdge.from.port !== 'targets') continue;
    const classes = datasetClasses(dataset);
    const scores = typeOf(predictionEdge.from)?.shape.at(-1);
    if (classes === undefined || typeof scores !== 'number' || scores === classes.count) continue;
    const lossLabel = `Loss "${loss.label ?? loss.id}"`;
    const source = `"${predictionEdge.from.node}"`;
    const at = { nodeId: loss.id, port: 'prediction', edgeId: predictionEdge.id };
    if (scores < classes.count)
      diagnostics.push({
        ...at,
        severity: 'error',
        code: 'too-few-classes',
        message: `${lossLabel}: the prediction from ${source} has ${scores} class scores but ${classes.title} has ${classes.count} classes (labels 0–${classes.count - 1}); make its last size ${classes.count}`,
      });
    else
      diagnostics.push({
        ...at,
        severity: 'warning',
        code: 'extra-classes',
        message: `${lossLabel}: the prediction from ${source} has ${scores} class scores but ${classes.title} has only ${classes.count} classes; the extra ${scores - classes.count} are never a label`,
      });
  }
  return diagnostics;
}

function datasetClasses(dataset: DocNode): { count: number; title: string } | undefined {
  const datasetType = nodeTypes.get('dataset');
  if (!datasetType) return undefined;
  const resolved = resolveParams(datasetType, dataset);
  if (!resolved.valid) return undefined;
  try {
    const params = datasetParamsOf(resolved.params);
    const count = datasetCatalog[params.name].describe(params).classes;
    return count === undefined ? undefined : { count, title: params.name };
  } catch {
    return undefined; // bad params are reported by the dataset node itself
  }
}

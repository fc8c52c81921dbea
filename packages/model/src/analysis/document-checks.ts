import type { Diagnostic } from '../document/diagnostic.js';
import type { ModelDocument } from '../document/model-document.js';

/**
 * Whole-document checks beyond single nodes: at most one loss and one optimizer, something marking
 * the output, only losses reading the dataset's targets, and layout positions only for nodes that exist.
 */
export function checkDocument(doc: ModelDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const losses = doc.nodes.filter((n) => n.type === 'loss');
  for (const extra of losses.slice(1))
    diagnostics.push({ severity: 'error', code: 'multiple-losses', nodeId: extra.id, message: `Loss "${extra.label ?? extra.id}": a model trains one loss; "${losses[0].id}" is already one` });
  if (doc.nodes.length && !losses.length && !doc.nodes.some((n) => n.type === 'output'))
    diagnostics.push({ severity: 'warning', code: 'no-output', field: 'nodes', message: 'Nothing marks the model’s output: add a loss (its prediction input) or an output node' });
  const optimizers = doc.nodes.filter((n) => n.type === 'optimizer');
  for (const extra of optimizers.slice(1))
    diagnostics.push({ severity: 'error', code: 'multiple-optimizers', nodeId: extra.id, message: `Optimizer "${extra.label ?? extra.id}": a model has one optimizer; "${optimizers[0].id}" is already one` });
  const typeOf = new Map(doc.nodes.map((n) => [n.id, n.type]));
  for (const edge of doc.edges)
    if (edge.from.port === 'targets' && typeOf.get(edge.from.node) === 'dataset' && typeOf.has(edge.to.node) && typeOf.get(edge.to.node) !== 'loss')
      diagnostics.push({
        severity: 'error',
        code: 'reads-targets',
        nodeId: edge.to.node,
        port: edge.to.port,
        edgeId: edge.id,
        message: `Node "${edge.to.node}" reads the dataset’s targets; only a loss may (the model would see the answers)`,
      });
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const id of Object.keys(doc.layout?.positions ?? {}))
    if (!ids.has(id)) diagnostics.push({ severity: 'warning', code: 'stale-layout', field: `layout.positions.${id}`, message: `The layout places a node "${id}" that does not exist` });
  return diagnostics;
}

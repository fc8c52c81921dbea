import { ModelAnalysis } from '../analysis/model-analysis.js';
import { resolveParams } from '../analysis/resolve-params.js';
import type { TensorType } from '../analysis/tensor-type.js';
import type { DocNode, ModelDocument, ParamValue, PortRef } from '../document/model-document.js';
import { nodeTypes } from '../node-types/registry.js';

/** What the exporter needs to know about a document: node order, wiring, params and types. */
export interface ExportAnalysis {
  /** Nodes in an order where every node comes after the nodes feeding it. */
  order: readonly DocNode[];
  /** Where each connected input port of a node reads from. */
  incoming(nodeId: string): Record<string, PortRef>;
  /** The node's params with defaults filled in. */
  params(node: DocNode): Record<string, ParamValue>;
  /** The types of a node's output ports. */
  outputTypes(nodeId: string): Record<string, TensorType>;
  /** The type of one output port. */
  typeOf(nodeId: string, port: string): TensorType;
}

/**
 * The package's analysis of a document (order, shapes, resolved params), for export. A document
 * with errors is refused with every error listed: export needs a valid model.
 */
export function analyseForExport(doc: ModelDocument): ExportAnalysis {
  const analysis = new ModelAnalysis(doc);
  const errors = analysis.diagnostics().filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`exportOnnx: "${doc.name}" is not a valid model:\n${errors.map((d) => `  ${d.message}`).join('\n')}`);
  const graph = analysis.graph;
  return {
    order: graph.order,
    incoming: (id) => Object.fromEntries([...(graph.incoming.get(id) ?? [])].map(([port, edge]) => [port, edge.from])),
    params: (node) => resolveParams(nodeTypes.get(node.type)!, node).params,
    outputTypes: (id) => analysis.shapesOf(id) ?? {},
    typeOf: (id, port) => {
      const type = analysis.shapesOf(id)?.[port];
      if (!type) throw new Error(`exportOnnx: node "${id}" has no output port "${port}"`);
      return type;
    },
  };
}

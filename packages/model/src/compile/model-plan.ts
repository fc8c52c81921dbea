import { ModelAnalysis } from '../analysis/model-analysis.js';
import type { Diagnostic } from '../document/diagnostic.js';
import type { DocNode, ModelDocument, ParamValue, PortRef } from '../document/model-document.js';
import { resolveParams } from '../analysis/resolve-params.js';
import { nodeTypes } from '../node-types/registry.js';
import type { AnyNodeDefinition } from '../node-types/node-type.js';
import { DocumentError } from './document-error.js';

/** What a document compiles to, before anything is built: the model's subgraph and the training nodes. */
export interface ModelPlan {
  document: ModelDocument;
  analysis: ModelAnalysis;
  /** The ports fed by the caller, in `forward` argument order: a dataset's inputs and/or input nodes. */
  sources: PortRef[];
  /** The port the model returns: the loss's prediction source, else the output node's source. */
  output: PortRef;
  /** The nodes between the sources and the output, in topological order (sources excluded). */
  nodes: DocNode[];
  dataset?: DocNode;
  loss?: DocNode;
  optimizer?: DocNode;
  /** Where the loss reads its target: a dataset's targets or an input node. */
  target?: PortRef;
}

/** A node's definition and resolved params (the plan only holds valid documents). */
export function definitionOf(node: DocNode): { definition: AnyNodeDefinition; params: Record<string, ParamValue> } {
  const definition = nodeTypes.definition(node.type)!;
  return { definition, params: resolveParams(definition, node).params };
}

/**
 * Checks a document and works out the model inside it. Throws a DocumentError with every located
 * problem if the document has errors or no output, or if the model would read the training targets.
 */
export function planModel(doc: ModelDocument, analysis: ModelAnalysis = new ModelAnalysis(doc)): ModelPlan {
  const fail = (message: string, diagnostics: Diagnostic[]) => new DocumentError(`Cannot compile "${doc.name}": ${message}`, diagnostics);
  const errors = analysis.diagnostics().filter((d) => d.severity === 'error');
  if (errors.length) throw fail(`${errors.length} error${errors.length === 1 ? '' : 's'}`, errors);
  const graph = analysis.graph;
  const loss = doc.nodes.find((n) => n.type === 'loss');
  const outputNode = doc.nodes.find((n) => n.type === 'output');
  const output = loss ? graph.incoming.get(loss.id)!.get('prediction')!.from : outputNode && graph.incoming.get(outputNode.id)!.get('in')!.from;
  if (!output) throw fail('nothing marks the output', [{ severity: 'error', code: 'no-output', field: 'nodes', message: 'Add a loss node (its prediction input is the output) or an output node' }]);

  const ancestors = new Set<string>();
  const stack = [output.node];
  while (stack.length) {
    const id = stack.pop()!;
    if (ancestors.has(id)) continue;
    ancestors.add(id);
    for (const edge of graph.incoming.get(id)!.values()) stack.push(edge.from.node);
  }
  const problems: Diagnostic[] = [];
  const sources: PortRef[] = [];
  const nodes: DocNode[] = [];
  for (const node of graph.order) {
    if (!ancestors.has(node.id)) continue;
    const category = nodeTypes.get(node.type)!.category;
    if (category === 'data') sources.push({ node: node.id, port: 'inputs' });
    else if (category === 'input') sources.push({ node: node.id, port: 'out' });
    else if (category === 'loss' || category === 'optimizer' || category === 'output')
      problems.push({ severity: 'error', code: 'misplaced-node', nodeId: node.id, message: `${node.type} "${node.id}" cannot be part of the model’s forward pass` });
    else nodes.push(node);
    for (const edge of graph.incoming.get(node.id)!.values())
      if (edge.from.port === 'targets' && graph.nodes.get(edge.from.node)?.type === 'dataset')
        problems.push({ severity: 'error', code: 'reads-targets', nodeId: node.id, edgeId: edge.id, message: `Node "${node.id}" reads the dataset’s targets; only a loss may` });
  }
  if (problems.length) throw fail('the model is not a forward pass', problems);
  const target = loss && graph.incoming.get(loss.id)!.get('target')!.from;
  return {
    document: doc,
    analysis,
    sources,
    output,
    nodes,
    dataset: doc.nodes.find((n) => n.type === 'dataset'),
    loss,
    optimizer: doc.nodes.find((n) => n.type === 'optimizer'),
    target,
  };
}

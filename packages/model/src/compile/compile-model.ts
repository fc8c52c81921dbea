import type { Tensor } from '@loom/graph';
import type { LossFunction, Module, Optimizer } from '@loom/nn';
import { datasetParamsOf, type DatasetParams } from '../datasets/dataset-catalog.js';
import type { DocNode, ModelDocument, PortRef, TrainingSettings } from '../document/model-document.js';
import type { TensorType } from '../analysis/tensor-type.js';
import { defaultParams, nodeTypes } from '../node-types/registry.js';
import { GraphModule, type GraphStep } from './graph-module.js';
import { definitionOf, planModel, type ModelPlan } from './model-plan.js';
import { nodeSeed } from './node-seed.js';

/** Training settings used when a document has none. */
export const defaultTraining: TrainingSettings = { epochs: 1, batchSize: 32, seed: 0 };

/** A document compiled for training or inference. */
export interface CompiledModel {
  /** The model: `forward(...inputs)` in `inputs` order returns the output tensor. */
  module: GraphModule;
  /** The loss node's loss of (output, target); mean squared error if the document has no loss. */
  loss: LossFunction;
  /** The optimizer node's optimizer over `module`'s parameters (Adam with defaults if there is none). */
  makeOptimizer(module?: Module): Optimizer;
  training: TrainingSettings;
  /** The dataset node's resolved params, when the model reads a dataset. */
  datasetSpec?: DatasetParams;
  /** The types of the model's inputs and output (batch dim 'N'). */
  inputs: { ref: PortRef; type: TensorType }[];
  output: { ref: PortRef; type: TensorType };
}

/** Builds the runtime steps for `nodes` (in topological order) of a planned document. */
export function buildSteps(plan: Pick<ModelPlan, 'document' | 'analysis'>, nodes: readonly DocNode[]): GraphStep[] {
  return nodes.map((node) => {
    const { definition, params } = definitionOf(node);
    if (!definition.build) throw new Error(`compileModel: ${node.type} "${node.id}" cannot run inside a model`);
    const incoming = plan.analysis.graph.incoming.get(node.id)!;
    const inputs = Object.fromEntries([...incoming].map(([port, edge]) => [port, edge.from]));
    const inputTypes = Object.fromEntries([...incoming].map(([port, edge]) => [port, plan.analysis.typeOf(edge.from)!]));
    const runtime = definition.build(params, { seed: nodeSeed(plan.document, node.id), inputs: inputTypes });
    return { node, runtime, inputs };
  });
}

/**
 * Compiles a document into a Module: the subgraph between its data/input nodes and the tensor
 * wired into the loss's prediction (or an output node), run in topological order, with each node's
 * layer a child named by node id. Throws a DocumentError listing every located problem if the
 * document does not validate.
 *
 * @example
 * const { module, loss, makeOptimizer } = compileModel(templateDocument('mlp'));
 * fit(module, train, { loss, optimizer: makeOptimizer(), epochs: 1 });
 */
export function compileModel(doc: ModelDocument): CompiledModel {
  const plan = planModel(doc);
  const module = new GraphModule(buildSteps(plan, plan.nodes), plan.sources, plan.output);
  const lossRuntime = plan.loss && buildSteps(plan, [plan.loss])[0].runtime;
  const loss: LossFunction = lossRuntime
    ? (prediction: Tensor, target: Tensor) => lossRuntime.forward({ prediction, target }).loss
    : (prediction: Tensor, target: Tensor) => prediction.sub(target).square().mean();
  const optimizerNode = plan.optimizer;
  const makeOptimizer = (target: Module = module): Optimizer => {
    const definition = nodeTypes.definition('optimizer')!;
    const params = optimizerNode ? definitionOf(optimizerNode).params : defaultParams('optimizer');
    return definition.createOptimizer!(params, target);
  };
  const compiled: CompiledModel = {
    module,
    loss,
    makeOptimizer,
    training: { ...defaultTraining, ...doc.training },
    inputs: plan.sources.map((ref) => ({ ref, type: plan.analysis.typeOf(ref)! })),
    output: { ref: plan.output, type: plan.analysis.typeOf(plan.output)! },
  };
  if (plan.dataset) compiled.datasetSpec = datasetParamsOf(definitionOf(plan.dataset).params);
  return compiled;
}

import { compileModel, type CompiledModel, type GraphModule } from '@loom/model';
import type { LossFunction, Module, Optimizer } from '@loom/nn';
import type { NodeRuntime } from '@loom/model';
import type { ModelDocument } from '../model.js';

/** A document compiled for a session: the model (with per-node outputs), its loss, optimizer and settings. */
export interface SessionModel {
  compiled: CompiledModel;
  module: GraphModule;
  loss: LossFunction;
  optimizer: Optimizer;
  epochs: number;
  batchSize: number;
  seed: number;
}

/** The one place a document becomes a trainable model in the editor: @loom/model's compileModel. */
export function compileSessionModel(document: ModelDocument): SessionModel {
  const compiled = compileModel(document);
  let optimizer: Optimizer | undefined;
  return {
    compiled,
    module: compiled.module,
    loss: compiled.loss,
    // Made when first needed: a model without weights (say, an imported one) still runs inference.
    get optimizer() {
      return (optimizer ??= compiled.makeOptimizer());
    },
    epochs: compiled.training.epochs,
    batchSize: compiled.training.batchSize,
    seed: compiled.training.seed ?? 0,
  };
}

/** The built runtime of one node of a compiled model (undefined for data, loss and optimizer nodes). */
export function runtimeOf(module: GraphModule, nodeId: string): NodeRuntime | undefined {
  return module.steps.find((s) => s.node.id === nodeId)?.runtime;
}

/** The layer of one node, if it has weights or state. */
export function layerOf(module: GraphModule, nodeId: string): Module | undefined {
  return runtimeOf(module, nodeId)?.module;
}

import { Module } from '@loom/nn';
import type { Tensor } from '@loom/graph';
import type { DocNode, PortRef } from '../document/model-document.js';
import type { NodeRuntime, PortTensors } from '../node-types/node-type.js';

/** One node of a compiled graph: the document node, its runtime, and where each input port reads from. */
export interface GraphStep {
  node: DocNode;
  runtime: NodeRuntime;
  inputs: Readonly<Record<string, PortRef>>;
}

/**
 * A Module that runs a document's DAG in topological order. Each node's layer is a child named by
 * the node id, so `parameters()`, `stateDict()` ('fc1.weight', …), `train()` and `eval()` see them.
 * `forward(...inputs)` feeds the source ports in order and returns the output port's tensor.
 */
export class GraphModule extends Module {
  constructor(
    readonly steps: readonly GraphStep[],
    readonly sources: readonly PortRef[],
    readonly output: PortRef,
  ) {
    super();
  }

  /** Children are the nodes' layers, named by node id (the only entries: the steps are not walked). */
  protected override ownEntries(): [string, unknown][] {
    return this.steps.filter((s) => s.runtime.module).map((s) => [s.node.id, s.runtime.module]);
  }

  /** Runs every step and returns each node's output tensors by node id. */
  forwardAll(...inputs: Tensor[]): Map<string, PortTensors> {
    if (inputs.length !== this.sources.length)
      throw new Error(`GraphModule: expected ${this.sources.length} input${this.sources.length === 1 ? '' : 's'} (${this.sources.map((s) => `${s.node}.${s.port}`).join(', ')}), got ${inputs.length}`);
    const values = new Map<string, PortTensors>();
    this.sources.forEach((source, i) => values.set(source.node, { ...values.get(source.node), [source.port]: inputs[i] }));
    for (const step of this.steps) {
      const feeds: PortTensors = {};
      for (const [port, from] of Object.entries(step.inputs)) {
        const value = values.get(from.node)?.[from.port];
        if (!value) throw new Error(`GraphModule: node "${step.node.id}" reads ${from.node}.${from.port}, which has no value`);
        feeds[port] = value;
      }
      try {
        values.set(step.node.id, step.runtime.forward(feeds));
      } catch (error) {
        throw new Error(`${step.node.type} "${step.node.label ?? step.node.id}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    return values;
  }

  /** The model's output for its inputs (in `sources` order). */
  forward(...inputs: Tensor[]): Tensor {
    const value = this.forwardAll(...inputs).get(this.output.node)?.[this.output.port];
    if (!value) throw new Error(`GraphModule: the output ${this.output.node}.${this.output.port} was not computed`);
    return value;
  }
}

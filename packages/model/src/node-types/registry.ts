import type { ParamValue } from '../document/model-document.js';
import { eluNode, geluNode, leakyReluNode, logSoftmaxNode, reluNode, sigmoidNode, softmaxNode, softplusNode, tanhNode } from './activations.js';
import { addNode } from './add.js';
import { batchNorm1dNode, batchNorm2dNode } from './batch-norm.js';
import { concatNode } from './concat.js';
import { conv2dNode } from './conv2d.js';
import { datasetNode } from './dataset.js';
import { dropoutNode } from './dropout.js';
import { embeddingNode } from './embedding.js';
import { flattenNode } from './flatten.js';
import { inputNode } from './input.js';
import { layerNormNode } from './layer-norm.js';
import { linearNode } from './linear.js';
import { lossNode } from './loss.js';
import { matmulNode } from './matmul.js';
import { multiHeadAttentionNode } from './multi-head-attention.js';
import type { AnyNodeDefinition, NodeType } from './node-type.js';
import { optimizerNode } from './optimizer.js';
import { outputNode } from './output.js';
import { avgPool2dNode, maxPool2dNode } from './pooling.js';
import { positionalEncodingNode } from './positional-encoding.js';
import { gruNode, lstmNode, rnnNode } from './recurrent.js';
import { reshapeNode } from './reshape.js';
import { transformerEncoderLayerNode } from './transformer-encoder-layer.js';

/** Every node type, in palette order: the one list of node types anywhere. */
export const nodeTypeDefinitions = [
  datasetNode,
  inputNode,
  linearNode,
  conv2dNode,
  maxPool2dNode,
  avgPool2dNode,
  flattenNode,
  dropoutNode,
  batchNorm1dNode,
  batchNorm2dNode,
  layerNormNode,
  embeddingNode,
  rnnNode,
  lstmNode,
  gruNode,
  multiHeadAttentionNode,
  positionalEncodingNode,
  transformerEncoderLayerNode,
  reluNode,
  sigmoidNode,
  tanhNode,
  geluNode,
  leakyReluNode,
  eluNode,
  softplusNode,
  softmaxNode,
  logSoftmaxNode,
  addNode,
  concatNode,
  reshapeNode,
  matmulNode,
  lossNode,
  optimizerNode,
  outputNode,
] as const;

/** A node type name: 'Linear', 'Conv2d', …, 'dataset', 'loss'. */
export type NodeTypeName = (typeof nodeTypeDefinitions)[number]['type'];

/** The typed params of a node type, e.g. ParamsFor<'Linear'> = { inFeatures: number; outFeatures: number; bias: boolean }. */
export type ParamsFor<T extends NodeTypeName> = NonNullable<Extract<(typeof nodeTypeDefinitions)[number], { type: T }>['__params']>;

/** Looks node types up by name and lists them for palettes and exporters. */
export class NodeTypeRegistry {
  readonly #byType: ReadonlyMap<string, AnyNodeDefinition>;

  constructor(definitions: readonly AnyNodeDefinition[]) {
    const byType = new Map<string, AnyNodeDefinition>();
    for (const definition of definitions) {
      if (byType.has(definition.type)) throw new Error(`NodeTypeRegistry: node type "${definition.type}" is defined twice`);
      byType.set(definition.type, definition);
    }
    this.#byType = byType;
  }

  /** Every node type, in palette order. */
  list(): NodeType[] {
    return [...this.#byType.values()];
  }

  /** The node type called `type`, or undefined. */
  get(type: string): NodeType | undefined {
    return this.#byType.get(type);
  }

  /** The full definition (shape rule, builder, code form) — what the analysis and compiler use. */
  definition(type: string): AnyNodeDefinition | undefined {
    return this.#byType.get(type);
  }

  /** True when `type` names a registered node type. */
  has(type: string): boolean {
    return this.#byType.has(type);
  }
}

/** The registry of every node type. */
export const nodeTypes = new NodeTypeRegistry(nodeTypeDefinitions);

/**
 * The default value of every parameter of a node type (fresh arrays, safe to mutate).
 * An unknown type has no params: `{}`.
 *
 * @example defaultParams('Linear') // { inFeatures: 1, outFeatures: 1, bias: true }
 */
export function defaultParams(type: string): Record<string, ParamValue> {
  const nodeType = nodeTypes.get(type);
  if (!nodeType) return {};
  return Object.fromEntries(nodeType.params.map((p) => [p.name, Array.isArray(p.default) ? [...p.default] : p.default]));
}

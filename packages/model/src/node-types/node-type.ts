import type { Module, Optimizer } from '@loom/nn';
import type { Tensor } from '@loom/graph';
import type { ParamValue } from '../document/model-document.js';
import type { TensorType } from '../analysis/tensor-type.js';

/** Where a node type sits in the palette, and what role it plays when a document compiles. */
export type NodeCategory = 'data' | 'input' | 'layer' | 'activation' | 'op' | 'loss' | 'optimizer' | 'output';

/** An input or output port. `rank` lists the ranks it accepts; `optional` inputs may stay unconnected. */
export interface PortSpec {
  name: string;
  title: string;
  dtype: 'float32' | 'int32' | 'any';
  rank?: number[];
  optional?: boolean;
  doc?: string;
}

/** One parameter: kind, default, range or options, and a doc line for the editor's inspector. */
export interface ParamSpec {
  name: string;
  title: string;
  kind: 'int' | 'float' | 'bool' | 'enum' | 'string' | 'ints';
  default: ParamValue;
  min?: number;
  max?: number;
  options?: readonly string[];
  /** null is allowed (and means "unset", e.g. no padding index). */
  nullable?: boolean;
  /** The param matters only while another param has one of these values (front ends hide it otherwise). */
  appliesWhen?: { param: string; oneOf: readonly string[] };
  doc: string;
}

/** Whether `spec` matters for a node with these params (see `ParamSpec.appliesWhen`). */
export function paramApplies(spec: ParamSpec, params: Readonly<Record<string, ParamValue>>): boolean {
  const when = spec.appliesWhen;
  if (!when) return true;
  const value = params[when.param];
  return typeof value === 'string' && when.oneOf.includes(value);
}

/** What the editor, CLI and exporters read about a node type: the serialisable description. */
export interface NodeType {
  type: string;
  category: NodeCategory;
  title: string;
  description: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  params: ParamSpec[];
}

type SpecValue<S extends ParamSpec> = S extends { kind: 'enum'; options: readonly (infer O)[] }
  ? O
  : S extends { kind: 'int' | 'float' }
    ? number
    : S extends { kind: 'bool' }
      ? boolean
      : S extends { kind: 'ints' }
        ? number[]
        : string;

/** The typed parameter object a list of ParamSpecs describes (null allowed where `nullable: true`). */
export type ParamsOf<S extends readonly ParamSpec[]> = {
  [K in S[number] as K['name']]: K extends { nullable: true } ? SpecValue<K> | null : SpecValue<K>;
};

/** Tensors by port name. */
export type PortTensors = Record<string, Tensor>;

/** A built node: its layer (when it has weights or state) and how it maps input tensors to output tensors. */
export interface NodeRuntime {
  module?: Module;
  forward(inputs: PortTensors): PortTensors;
}

/** What a builder knows besides the params: the seed for this node's initialisers and its input types. */
export interface BuildContext {
  seed: number;
  inputs: Readonly<Record<string, TensorType>>;
}

/**
 * How a node appears in exported TypeScript: a field initialiser (for layers), and the call that
 * computes its outputs from input expressions. `outputs` picks each port from the call's value when
 * the call returns more than one tensor.
 */
export interface CodeForm {
  imports: { nn?: string[]; graph?: string[] };
  construct?: string;
  call(self: string, inputs: Readonly<Record<string, string>>): string;
  outputs?: Readonly<Record<string, (value: string) => string>>;
}

/**
 * One node type, complete: description, shape rule, builder and code form. Params arrive resolved
 * (defaults filled, checked against their specs) and typed by `P`.
 */
export interface NodeDefinition<T extends string = string, P = Record<string, ParamValue>> extends NodeType {
  type: T;
  /** Output types from input types; throws `ShapeError` naming the port at fault. Required inputs are present. */
  inferShapes(inputs: Readonly<Record<string, TensorType>>, params: P): Record<string, TensorType>;
  /** Builds the runtime (layers, ops, activations, loss). Absent for data, input, output and optimizer nodes. */
  build?(params: P, context: BuildContext): NodeRuntime;
  /** Optimizer nodes: the optimizer for a module's parameters. */
  createOptimizer?(params: P, module: Module): Optimizer;
  /** The TypeScript that does what `build` does (layers, ops, activations, loss, optimizer). */
  code?(params: P, context: { seed: number }): CodeForm;
}

/** A node definition with its parameter type erased, as the registry holds it. */
export type AnyNodeDefinition = NodeDefinition<string, Record<string, ParamValue>>;

/** A definition that remembers its typed params (for the code builder's autocompletion). */
export type TypedNodeDefinition<T extends string, P> = NodeDefinition<T, Record<string, ParamValue>> & { readonly __params?: P };

/**
 * Declares a node type with params typed from their specs — the only place a node type is defined;
 * the registry lists the results. Rules and builders see params resolved by `resolveParams`
 * (defaults filled, kinds and ranges checked), which is what makes the typed view sound.
 *
 * @example defineNodeType({ type: 'ReLU', category: 'activation', …, params: [], inferShapes: ({ in: x }) => ({ out: x }) })
 */
export function defineNodeType<const T extends string, const S extends readonly ParamSpec[]>(
  definition: Omit<NodeDefinition<T, ParamsOf<S>>, 'params'> & { params: S },
): TypedNodeDefinition<T, ParamsOf<S>> {
  const typed = (params: Record<string, ParamValue>) => params as ParamsOf<S>;
  const { build, createOptimizer, code } = definition;
  return {
    ...definition,
    params: [...definition.params],
    inputs: [...definition.inputs],
    outputs: [...definition.outputs],
    inferShapes: (inputs, params) => definition.inferShapes(inputs, typed(params)),
    build: build && ((params, context) => build(typed(params), context)),
    createOptimizer: createOptimizer && ((params, module) => createOptimizer(typed(params), module)),
    code: code && ((params, context) => code(typed(params), context)),
  };
}

import type { GraphBuilder, HostTensor, OnnxDim } from '../graph-builder.js';

/** A parameter value of a document node (the document's ParamValue). */
export type ParamValue = number | string | boolean | number[] | null;

/** What an emitter knows about one document node while it writes that node's ONNX nodes. */
export interface EmitContext {
  readonly g: GraphBuilder;
  readonly nodeId: string;
  readonly type: string;
  /** The node's parameters, defaults filled in. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** ONNX value names feeding each connected input port. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Static shapes of the connected inputs ('N' for the batch). */
  readonly inputShapes: Readonly<Record<string, readonly OnnxDim[]>>;
  /** A trained tensor of this node by its name inside the node's module ('weight', 'cells.0.weightIh'). */
  weight(name: string): HostTensor;
  /** Whether the node's module has that tensor (e.g. a bias). */
  hasWeight(name: string): boolean;
}

/** Writes one document node as ONNX nodes; returns the ONNX value name of each output port. */
export type Emitter = (ctx: EmitContext) => Record<string, string>;

/** The value feeding input port `port` (default 'in'); an error naming the node when unconnected. */
export function inputOf(ctx: EmitContext, port = 'in'): { value: string; shape: readonly OnnxDim[] } {
  const value = ctx.inputs[port];
  const shape = ctx.inputShapes[port];
  if (value === undefined || shape === undefined) throw new Error(`exportOnnx: node "${ctx.nodeId}" (${ctx.type}): input port "${port}" is not connected`);
  return { value, shape };
}

function fail(ctx: EmitContext, name: string, expected: string): never {
  throw new Error(`exportOnnx: node "${ctx.nodeId}" (${ctx.type}): params.${name}: expected ${expected}, got ${JSON.stringify(ctx.params[name])}`);
}

/** A number parameter (or `fallback` when absent). */
export function numberParam(ctx: EmitContext, name: string, fallback?: number): number {
  const value = ctx.params[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(ctx, name, 'a number');
  return value;
}

/** A boolean parameter (or `fallback` when absent). */
export function boolParam(ctx: EmitContext, name: string, fallback?: boolean): boolean {
  const value = ctx.params[name] ?? fallback;
  if (typeof value !== 'boolean') fail(ctx, name, 'true or false');
  return value;
}

/** A string parameter (or `fallback` when absent). */
export function stringParam(ctx: EmitContext, name: string, fallback?: string): string {
  const value = ctx.params[name] ?? fallback;
  if (typeof value !== 'string') fail(ctx, name, 'a string');
  return value;
}

/** A number or [a, b] parameter as a pair (a number means both). */
export function pairParam(ctx: EmitContext, name: string, fallback?: number | [number, number]): [number, number] {
  const value = ctx.params[name] ?? fallback;
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2) return [value[0], value[1]];
  if (Array.isArray(value) && value.length === 1) return [value[0], value[0]];
  return fail(ctx, name, 'a number or a pair of numbers');
}

/** A number-list parameter; a single number becomes a one-element list. */
export function intsParam(ctx: EmitContext, name: string, fallback?: number[]): number[] {
  const value = ctx.params[name] ?? fallback;
  if (typeof value === 'number') return [value];
  if (!Array.isArray(value)) fail(ctx, name, 'a list of integers');
  return value;
}

/** The optional bias of a layer: its initializer name, or undefined. */
export function optionalWeight(ctx: EmitContext, name: string): HostTensor | undefined {
  return ctx.hasWeight(name) ? ctx.weight(name) : undefined;
}

import type { Backend, BufferId, BufferRef, Program, ProgramStep, ReplayableProgram } from '../backend/backend.js';
import { activeBackend } from '../backend/registry.js';
import { moveSlots } from '../core/move-slots.js';
import { BufferSlot, byteSize, newBufferId, noteAllocated, noteFreed, noteRealize } from '../core/buffer-slot.js';
import { newNodeId, nodeLabel, type GraphNode } from '../core/node.js';
import { realizeNodes } from '../core/realize.js';
import { fuse } from '../schedule/fuse.js';
import { planBuffers } from '../schedule/plan-buffers.js';
import { schedulerOptions } from '../schedule/options.js';
import { formatShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { withTrace, type Trace } from './trace-state.js';
import type { TypedArray } from '../dtype.js';

type Outputs = Tensor | readonly Tensor[];

/** Where a program parameter's buffer comes from at each replay. */
type Param =
  | { kind: 'arg'; index: number }
  | { kind: 'state'; node: GraphNode }
  /** Random samples drawn inside the traced function: fresh at every replay. */
  | { kind: 'random'; node: Tensor }
  /**
   * Constants created inside the traced function (an arange for one-hot labels): their host values
   * are kept so a backend switch re-uploads them, even when the old backend was lost.
   */
  | { kind: 'constant'; node: Tensor; host: TypedArray };

interface CompiledProgram {
  program: ReplayableProgram;
  params: Param[];
  /** Per output, the program result index, or the param it passes through unchanged. */
  outputs: ({ result: number } | { param: number })[];
  single: boolean;
  assignments: { target: Tensor; output: number }[];
  kernels: number;
  peakBytes: number;
  results: { shape: readonly number[]; dtype: Tensor['dtype']; bytes: number }[];
  /** Program ids of backends that keep programs (`prepare`). */
  prepared: WeakMap<object, number>;
  /** The same, for releasing them when the compiled function is collected. */
  preparedList: PreparedPrograms;
}

type PreparedPrograms = { backend: WeakRef<Backend>; id: number }[];

/** Backends forget the programs of a compiled function nobody can call any more. */
const programReleaser = new FinalizationRegistry<PreparedPrograms>((programs) => {
  for (const { backend, id } of programs) backend.deref()?.release?.(id);
});

/**
 * Traces `fn` once per distinct argument signature (shapes and dtypes) and replays the scheduled
 * program on later calls: a whole training step (forward, backward, optimizer update through
 * `assign`) becomes one program, sent to the backend once. Tensors that existed before the trace
 * (parameters, datasets) are read at each replay, so `assign` updates are seen by the next call.
 * Random ops inside `fn` are traced once: pass changing randomness (dropout masks) as arguments.
 *
 * @example
 * const step = compile(async (x, y) => { ...; await assign(updates); return loss; });
 * for (...) await (await step(x, y)).item();
 */
export function compile<Args extends Tensor[], R extends Outputs>(
  fn: (...args: Args) => R | Promise<R>,
): (...args: Args) => Promise<R> {
  const cache = new Map<string, CompiledProgram>();
  const prepared: PreparedPrograms = [];
  const compiledFn = async (...args: Args): Promise<R> => {
    args.forEach((a, i) => {
      if (!(a instanceof Tensor)) throw new Error(`compile: argument ${i} is not a Tensor`);
    });
    const key = args.map((a) => `${a.dtype}${formatShape(a.shape)}`).join(' ');
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = await trace(fn, args, prepared);
      cache.set(key, compiled);
    }
    return (await replay(compiled, args)) as R;
  };
  programReleaser.register(compiledFn, prepared);
  return compiledFn;
}

async function trace<Args extends Tensor[]>(
  fn: (...args: Args) => Outputs | Promise<Outputs>,
  args: Args,
  preparedList: PreparedPrograms,
): Promise<CompiledProgram> {
  const state: Trace = { firstNodeId: newNodeId(), assignments: [] };
  const placeholders = args.map(
    (a) => new Tensor({ op: 'source', shape: a.shape, dtype: a.dtype, requiresGrad: a.requiresGrad }),
  );
  const returned = await withTrace(state, () => fn(...(placeholders as Args)));
  const single = returned instanceof Tensor;
  const outputs = single ? [returned] : [...returned];
  outputs.forEach((o, i) => {
    if (!(o instanceof Tensor)) throw new Error(`compile: the function returned a non-Tensor at output ${i}`);
  });
  const targets = [...outputs, ...state.assignments.map(([, value]) => value)];
  const placeholderIndex = new Map<GraphNode, number>(placeholders.map((p, i) => [p, i]));
  const isParam = (n: GraphNode) => placeholderIndex.has(n) || n.id < state.firstNodeId || n.op === 'source';

  const order = collect(targets, isParam);
  const targetSet = new Set<GraphNode>(targets);
  const schedule = fuse(order, targetSet, schedulerOptions());
  const { kernels } = schedule;
  const params: Param[] = [];
  const paramIds: BufferId[] = [];
  const paramOf = new Map<GraphNode, BufferRef>();
  const refOf = (node: GraphNode): BufferRef => {
    let ref = paramOf.get(node);
    if (!ref) {
      ref = { id: newBufferId(), shape: node.shape, dtype: node.dtype };
      paramOf.set(node, ref);
      const index = placeholderIndex.get(node);
      params.push(index !== undefined ? { kind: 'arg', index } : paramFromState(node, state.firstNodeId));
      paramIds.push(ref.id);
    }
    return ref;
  };
  const plan = planBuffers(schedule, targetSet, refOf);
  const results: BufferId[] = [];
  const resultIndex = new Map<GraphNode, number>();
  const outputOf = (node: GraphNode): { result: number } | { param: number } => {
    const produced = plan.outputs.get(node);
    if (!produced) return { param: paramIds.indexOf(refOf(node).id) };
    if (!resultIndex.has(node)) resultIndex.set(node, results.push(produced.id) - 1);
    return { result: resultIndex.get(node)! };
  };
  const outputRefs = outputs.map(outputOf);
  const assignments = state.assignments.map(([target, value]) => {
    const out = outputOf(value);
    if (!('result' in out)) throw new Error(`compile: assign to ${nodeLabel(target)} must be given a computed value`);
    return { target, output: out.result };
  });
  const resultNodes = [...resultIndex.keys()];
  return {
    program: { steps: plan.steps, params: paramIds, results },
    params,
    outputs: outputRefs,
    single,
    assignments,
    kernels: kernels.length,
    peakBytes: plan.peakBytes,
    results: resultNodes.map((n) => ({ shape: n.shape, dtype: n.dtype, bytes: byteSize(n.shape, n.dtype) })),
    prepared: new WeakMap(),
    preparedList,
  };
}

function paramFromState(node: GraphNode, firstNodeId: number): Param {
  const inTrace = node instanceof Tensor && node.id >= firstNodeId;
  if (inTrace && node.resample) return { kind: 'random', node };
  if (inTrace && node.op === 'source' && node.pending) return { kind: 'constant', node, host: node.pending };
  return { kind: 'state', node };
}

/** Nodes computed by the program, inputs first; parameters (arguments and state) end the walk. */
function collect(targets: readonly GraphNode[], isParam: (n: GraphNode) => boolean): GraphNode[] {
  const order: GraphNode[] = [];
  const seen = new Set<GraphNode>();
  const stack = targets.map((node) => ({ node, expanded: false })).reverse();
  while (stack.length) {
    const { node, expanded } = stack.pop()!;
    if (expanded) {
      order.push(node);
      continue;
    }
    if (seen.has(node) || isParam(node)) continue;
    seen.add(node);
    stack.push({ node, expanded: true });
    for (let i = node.inputs.length - 1; i >= 0; i--) stack.push({ node: node.inputs[i], expanded: false });
  }
  return order;
}

/** The same constant, to be uploaded again from its host values. */
function constantSource(node: Tensor, host: TypedArray): Tensor {
  return new Tensor({ op: 'source', shape: node.shape, dtype: node.dtype, pending: host });
}

/** A fresh draw of a random source traced inside the program. */
function resampled(node: Tensor): Tensor {
  return new Tensor({ op: 'source', shape: node.shape, dtype: node.dtype, pending: node.resample!() });
}

async function replay(compiled: CompiledProgram, args: readonly Tensor[]): Promise<Outputs> {
  const backend = activeBackend();
  const samples: Tensor[] = [];
  const bound = compiled.params.map((p): GraphNode => {
    if (p.kind === 'arg') return args[p.index];
    if (p.kind === 'state') return p.node;
    if (p.kind === 'constant') {
      if (p.node.slot && p.node.slot.backend !== backend) p.node = constantSource(p.node, p.host);
      return p.node;
    }
    const sample = resampled(p.node);
    samples.push(sample);
    return sample;
  });
  const lazy = bound.filter((n) => !n.slot);
  if (lazy.length) await realizeNodes(lazy);
  await moveSlots(bound, backend);
  const paramIds = bound.map((n) => n.slot!.id);
  const resultIds = compiled.program.results.map(() => newBufferId());
  noteAllocated(compiled.peakBytes);
  noteFreed(compiled.peakBytes);
  if (backend.prepare && backend.replay) {
    let id = compiled.prepared.get(backend);
    if (id === undefined) {
      id = backend.prepare(compiled.program);
      compiled.prepared.set(backend, id);
      compiled.preparedList.push({ backend: new WeakRef(backend), id });
    }
    await backend.replay(id, paramIds, resultIds);
  } else {
    await backend.run(bindProgram(compiled.program, paramIds, resultIds));
  }
  noteRealize({ kernels: compiled.kernels, buffersAllocated: resultIds.length });
  // Fresh random samples serve this replay only; free them now rather than at garbage collection,
  // which WASM or GPU memory does not hurry along.
  for (const sample of samples) sample.dispose();

  const slots = resultIds.map((id, i) => {
    noteAllocated(compiled.results[i].bytes);
    return new BufferSlot(id, backend, compiled.results[i].bytes);
  });
  const outputTensors = compiled.outputs.map((out) => {
    const like = 'result' in out ? compiled.results[out.result] : bound[out.param];
    const result = new Tensor({ op: 'source', shape: like.shape, dtype: like.dtype });
    result.adoptSlot('result' in out ? slots[out.result] : bound[out.param].slot!);
    return result;
  });
  for (const { target, output } of compiled.assignments) {
    target.pending = undefined;
    target.inputs = [];
    target.detached = true;
    target.adoptSlot(slots[output]);
  }
  // Every result is an output or an assigned value; one nobody took must not leak.
  for (const slot of slots)
    if (slot.holders === 0) {
      backend.free(slot.id);
      noteFreed(slot.bytes);
    }
  return compiled.single ? outputTensors[0] : outputTensors;
}

/**
 * A replayable program with its own ids replaced: parameters and results by the caller's,
 * temporaries by fresh ones. Backends that implement `replay` use it too.
 */
export function bindProgram(program: ReplayableProgram, params: readonly BufferId[], results: readonly BufferId[]): Program {
  const ids = new Map<BufferId, BufferId>();
  program.params.forEach((id, i) => ids.set(id, params[i]));
  program.results.forEach((id, i) => ids.set(id, results[i]));
  const map = (id: BufferId) => {
    let mapped = ids.get(id);
    if (mapped === undefined) ids.set(id, (mapped = newBufferId()));
    return mapped;
  };
  const ref = (r: BufferRef): BufferRef => ({ ...r, id: map(r.id) });
  const steps = program.steps.map((step): ProgramStep => {
    if (step.kind === 'free') return { kind: 'free', id: map(step.id) };
    if (step.kind === 'fused') return { ...step, inputs: step.inputs.map(ref), output: ref(step.output) };
    const epilogue = step.epilogue && { ...step.epilogue, inputs: step.epilogue.inputs.map(ref) };
    return { ...step, inputs: step.inputs.map(ref), output: ref(step.output), ...(epilogue && { epilogue }) };
  });
  return { steps };
}

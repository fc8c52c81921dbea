import { sizeOf } from '@loom/graph';
import type { BufferId, BufferRef, FusedLaunch, AnyLaunch, PrimitiveOp, ReplayableProgram, Launch } from '@loom/graph';
import type { CpuArray } from './cpu-kernel.js';
import type { CpuMemory } from './cpu-memory.js';
import type { FusedKernelCache, FusedKernelFn } from './fused/fused-kernel.js';
import { withLabel } from './kernel-error.js';

/** The buffers of one replay: the caller's parameters in, fresh results out. */
export interface ReplayBuffers {
  params: readonly CpuArray[];
  results: (CpuArray | undefined)[];
}

type Runner = (buffers: ReplayBuffers) => void;

/**
 * A compiled program kept by the CPU backend: kernels are looked up and fused kernels generated
 * once, and temporaries keep their storage between replays, so a replayed training step
 * allocates nothing but its results.
 */
export class PreparedProgram {
  /** One runner per step that computes, with the step's index in `program.steps`. */
  private readonly runners: { step: number; run: Runner }[];
  private readonly temps = new Map<string, CpuArray>();
  private readonly paramIndex: Map<BufferId, number>;
  private readonly resultIndex: Map<BufferId, number>;

  constructor(
    readonly program: ReplayableProgram,
    fusedKernels: FusedKernelCache,
    private readonly memory: CpuMemory,
  ) {
    this.paramIndex = new Map(program.params.map((id, i) => [id, i]));
    this.resultIndex = new Map(program.results.map((id, i) => [id, i]));
    this.runners = program.steps.flatMap((step, index) => {
      if (step.kind === 'free') return []; // temporaries live as long as the program
      return [{ step: index, run: step.kind === 'fused' ? this.fusedRunner(step, fusedKernels) : this.launchRunner(step, fusedKernels) }];
    });
  }

  /** Runs every step; `onStep` hears each step's index before it runs. */
  run(buffers: ReplayBuffers, onStep?: (stepIndex: number) => void): void {
    for (const { step, run } of this.runners) {
      onStep?.(step);
      run(buffers);
    }
  }

  /** Gives the temporaries' memory back. */
  dispose(): void {
    for (const temp of this.temps.values()) this.memory.release(temp);
    this.temps.clear();
  }

  private input(ref: BufferRef, buffers: ReplayBuffers): CpuArray {
    const param = this.paramIndex.get(ref.id);
    if (param !== undefined) return { ...buffers.params[param], shape: ref.shape };
    const result = this.resultIndex.get(ref.id);
    if (result !== undefined) return buffers.results[result]!;
    return { ...this.temp(ref), shape: ref.shape };
  }

  private output(ref: BufferRef, buffers: ReplayBuffers): CpuArray {
    const result = this.resultIndex.get(ref.id);
    if (result === undefined) return { ...this.temp(ref), shape: ref.shape };
    const array = this.memory.allocate(ref.dtype, ref.shape, false);
    // The plan may use a result's id for a temporary first; that value is dead by now.
    const earlier = buffers.results[result];
    if (earlier) this.memory.release(earlier);
    buffers.results[result] = array;
    return array;
  }

  /** A temporary's storage: one array per buffer id and dtype, kept for every replay. */
  private temp(ref: BufferRef): CpuArray {
    const key = `${ref.id}:${ref.dtype}`;
    let array = this.temps.get(key);
    if (!array || array.data.length !== sizeOf(ref.shape)) {
      if (array) this.memory.release(array);
      array = this.memory.allocate(ref.dtype, ref.shape, false);
      this.temps.set(key, array);
    }
    return array;
  }

  private fusedRunner(step: FusedLaunch, fusedKernels: FusedKernelCache): Runner {
    const kernel = fusedKernels.get({ expr: step.expr, inputDTypes: step.inputs.map((r) => r.dtype), shape: step.output.shape });
    return (buffers) => {
      const inputs = step.inputs.map((ref) => this.input(ref, buffers).data);
      withLabel(step.label, undefined, () => kernel(inputs, this.output(step.output, buffers).data));
    };
  }

  private launchRunner(step: AnyLaunch, fusedKernels: FusedKernelCache): Runner {
    return this.typedLaunchRunner(step, fusedKernels);
  }

  private typedLaunchRunner<Op extends PrimitiveOp>(step: Launch<Op>, fusedKernels: FusedKernelCache): Runner {
    const { epilogue } = step;
    const epilogueKernel: FusedKernelFn | undefined =
      epilogue &&
      fusedKernels.get({
        expr: epilogue.expr,
        inputDTypes: epilogue.inputs.map((r) => r.dtype),
        shape: step.output.shape,
        accDType: step.output.dtype,
      });
    return (buffers) => {
      const inputs = step.inputs.map((ref) => this.input(ref, buffers));
      const output = this.output(step.output, buffers);
      withLabel(step.label, step.op, () => {
        this.memory.run(step.op, inputs, output, step.attrs);
        if (epilogue && epilogueKernel)
          epilogueKernel(epilogue.inputs.map((ref) => this.input(ref, buffers).data), output.data);
      });
    };
  }
}

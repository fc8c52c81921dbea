import { allocArray, sizeOf } from '@loom/graph';
import type { BufferId, BufferRef, FusedLaunch, AnyLaunch, PrimitiveOp, ReplayableProgram, TypedArray, Launch } from '@loom/graph';
import type { CpuArray, CpuKernel } from './cpu-kernel.js';
import { cpuKernels } from './kernel-table.js';
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
  private readonly runners: Runner[];
  private readonly temps = new Map<string, TypedArray>();
  private readonly paramIndex: Map<BufferId, number>;
  private readonly resultIndex: Map<BufferId, number>;

  constructor(
    readonly program: ReplayableProgram,
    fusedKernels: FusedKernelCache,
  ) {
    this.paramIndex = new Map(program.params.map((id, i) => [id, i]));
    this.resultIndex = new Map(program.results.map((id, i) => [id, i]));
    this.runners = program.steps.flatMap((step) => {
      if (step.kind === 'free') return []; // temporaries live as long as the program
      return [step.kind === 'fused' ? this.fusedRunner(step, fusedKernels) : this.launchRunner(step, fusedKernels)];
    });
  }

  run(buffers: ReplayBuffers): void {
    for (const runner of this.runners) runner(buffers);
  }

  private input(ref: BufferRef, buffers: ReplayBuffers): CpuArray {
    const param = this.paramIndex.get(ref.id);
    if (param !== undefined) return { data: buffers.params[param].data, shape: ref.shape, dtype: ref.dtype };
    const result = this.resultIndex.get(ref.id);
    if (result !== undefined) return buffers.results[result]!;
    return { data: this.temp(ref, false), shape: ref.shape, dtype: ref.dtype };
  }

  private output(ref: BufferRef, buffers: ReplayBuffers, zeroed: boolean): CpuArray {
    const result = this.resultIndex.get(ref.id);
    if (result !== undefined) {
      const array = { data: allocArray(ref.dtype, sizeOf(ref.shape)), shape: ref.shape, dtype: ref.dtype };
      buffers.results[result] = array;
      return array;
    }
    return { data: this.temp(ref, zeroed), shape: ref.shape, dtype: ref.dtype };
  }

  /** A temporary's storage: one array per buffer id and dtype, zero-filled for kernels that accumulate. */
  private temp(ref: BufferRef, zeroed: boolean): TypedArray {
    const key = `${ref.id}:${ref.dtype}`;
    let data = this.temps.get(key);
    if (!data || data.length !== sizeOf(ref.shape)) {
      data = allocArray(ref.dtype, sizeOf(ref.shape));
      this.temps.set(key, data);
    } else if (zeroed) data.fill(0);
    return data;
  }

  private fusedRunner(step: FusedLaunch, fusedKernels: FusedKernelCache): Runner {
    const kernel = fusedKernels.get({ expr: step.expr, inputDTypes: step.inputs.map((r) => r.dtype), shape: step.output.shape });
    return (buffers) => {
      const inputs = step.inputs.map((ref) => this.input(ref, buffers).data);
      withLabel(step.label, undefined, () => kernel(inputs, this.output(step.output, buffers, false).data));
    };
  }

  private launchRunner(step: AnyLaunch, fusedKernels: FusedKernelCache): Runner {
    return this.typedLaunchRunner(step, fusedKernels);
  }

  private typedLaunchRunner<Op extends PrimitiveOp>(step: Launch<Op>, fusedKernels: FusedKernelCache): Runner {
    const kernel: CpuKernel<Op> = cpuKernels[step.op];
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
      const output = this.output(step.output, buffers, true);
      withLabel(step.label, step.op, () => {
        kernel(inputs, output, step.attrs);
        if (epilogue && epilogueKernel)
          epilogueKernel(epilogue.inputs.map((ref) => this.input(ref, buffers).data), output.data);
      });
    };
  }
}

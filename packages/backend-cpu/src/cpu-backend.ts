import { allocArray, dtypeOfArray, formatShape, sizeOf } from '@loom/graph';
import type {
  Backend,
  BufferId,
  BufferRef,
  DType,
  Epilogue,
  FusedLaunch,
  Launch,
  PrimitiveOp,
  Program,
  ReplayableProgram,
  TypedArray,
} from '@loom/graph';
import { FusedKernelCache } from './fused/fused-kernel.js';
import { PreparedProgram } from './prepared-program.js';
import { withLabel } from './kernel-error.js';
import type { CpuArray, CpuKernel } from './cpu-kernel.js';
import { cpuKernels } from './kernel-table.js';

/** Runs programs in the calling thread, one kernel per launch, on buffers held in a map. */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  private readonly buffers = new Map<BufferId, CpuArray>();
  private readonly fusedKernels = new FusedKernelCache();
  private readonly prepared = new Map<number, PreparedProgram>();
  private nextProgramId = 0;

  write(id: BufferId, dtype: DType, data: TypedArray): void {
    if (dtypeOfArray(data) !== dtype) {
      throw new Error(`write: buffer ${id} is ${dtype} but was given a ${data.constructor.name}`);
    }
    this.buffers.set(id, { data: data.slice(), shape: [data.length], dtype });
  }

  async read(id: BufferId): Promise<TypedArray> {
    return this.lookup(id, 'read').data.slice();
  }

  free(id: BufferId): void {
    this.lookup(id, 'free');
    this.buffers.delete(id);
  }

  run(program: Program): void {
    for (const step of program.steps) {
      if (step.kind === 'free') this.free(step.id);
      else if (step.kind === 'fused') this.launchFused(step);
      else this.launch(step);
    }
  }

  /** Keeps a compiled program; replays then skip kernel lookup and reuse temporaries. */
  prepare(program: ReplayableProgram): number {
    const id = this.nextProgramId++;
    this.prepared.set(id, new PreparedProgram(program, this.fusedKernels));
    return id;
  }

  release(programId: number): void {
    this.prepared.delete(programId);
  }

  replay(programId: number, params: readonly BufferId[], results: readonly BufferId[]): void {
    const prepared = this.prepared.get(programId);
    if (!prepared) throw new Error(`replay: no program ${programId} was prepared on this backend`);
    const buffers = {
      params: params.map((id) => this.lookup(id, `replay of program ${programId}`)),
      results: new Array<CpuArray | undefined>(results.length),
    };
    prepared.run(buffers);
    results.forEach((id, i) => this.buffers.set(id, buffers.results[i]!));
  }

  liveBufferCount(): number {
    return this.buffers.size;
  }

  liveBytes(): number {
    let bytes = 0;
    for (const { data } of this.buffers.values()) bytes += data.byteLength;
    return bytes;
  }

  /**
   * Runs one launch into a fresh zero-filled output (so an output may reuse an input's id: the
   * input is read before it is replaced). Any error is re-thrown prefixed with the launch's label.
   */
  private launch<Op extends PrimitiveOp>(launch: Launch<Op>): void {
    const { op, label } = launch;
    const inputs = launch.inputs.map((ref) => this.inputArray(ref, label));
    const { id, shape, dtype } = launch.output;
    const output: CpuArray = { data: allocArray(dtype, sizeOf(shape)), shape, dtype };
    const kernel: CpuKernel<Op> = cpuKernels[op];
    withLabel(label, op, () => {
      kernel(inputs, output, launch.attrs);
      if (launch.epilogue) this.applyEpilogue(launch.epilogue, output, label);
    });
    this.buffers.set(id, output);
  }

  /** Runs a generated elementwise kernel over a fresh output. */
  private launchFused(launch: FusedLaunch): void {
    const { id, shape, dtype } = launch.output;
    const inputs = launch.inputs.map((ref) => this.lookup(ref.id, launch.label).data);
    const kernel = this.fusedKernels.get({ expr: launch.expr, inputDTypes: launch.inputs.map((r) => r.dtype), shape });
    const output = allocArray(dtype, sizeOf(shape));
    withLabel(launch.label, undefined, () => kernel(inputs, output));
    this.buffers.set(id, { data: output, shape, dtype });
  }

  /** Applies a fused epilogue in place: each output element becomes expr(acc = that element). */
  private applyEpilogue(epilogue: Epilogue, output: CpuArray, label: string): void {
    const inputs = epilogue.inputs.map((ref) => this.lookup(ref.id, label).data);
    const kernel = this.fusedKernels.get({
      expr: epilogue.expr,
      inputDTypes: epilogue.inputs.map((r) => r.dtype),
      shape: output.shape,
      accDType: output.dtype,
    });
    kernel(inputs, output.data);
  }

  /** The stored buffer viewed with the shape the launch expects, after checking it fits. */
  private inputArray(ref: BufferRef, label: string): CpuArray {
    const stored = this.lookup(ref.id, label);
    if (stored.dtype !== ref.dtype || stored.data.length !== sizeOf(ref.shape)) {
      throw new Error(
        `${label}: buffer ${ref.id} holds ${stored.data.length} ${stored.dtype} elements, ` +
          `but the launch reads it as ${ref.dtype} ${formatShape(ref.shape)}`,
      );
    }
    return { data: stored.data, shape: ref.shape, dtype: ref.dtype };
  }

  private lookup(id: BufferId, user: string): CpuArray {
    const stored = this.buffers.get(id);
    if (!stored) throw new Error(`${user}: buffer ${id} does not exist (freed, or never written)`);
    return stored;
  }
}

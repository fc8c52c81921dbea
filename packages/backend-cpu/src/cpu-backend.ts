import { dtypeOfArray, formatShape, sizeOf } from '@loom/graph';
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
import type { CpuArray } from './cpu-kernel.js';
import { CpuMemory, type CpuMemoryOptions } from './cpu-memory.js';

export type CpuBackendOptions = CpuMemoryOptions;

/**
 * Runs programs in the calling thread (or the engine worker that hosts it): matmul, conv2d and
 * reductions as WASM SIMD kernels on a shared heap, fused elementwise chains as generated
 * JavaScript loops, everything else on the reference kernels.
 */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  readonly description: string;
  readonly memory: CpuMemory;
  private readonly buffers = new Map<BufferId, CpuArray>();
  private readonly fusedKernels: FusedKernelCache;
  private readonly prepared = new Map<number, PreparedProgram>();
  private nextProgramId = 0;

  constructor(options: CpuBackendOptions = {}) {
    this.memory = new CpuMemory(options);
    this.fusedKernels = new FusedKernelCache(() => this.memory.fusedGenerator());
    this.description = this.memory.describe();
  }

  write(id: BufferId, dtype: DType, data: TypedArray): void {
    if (dtypeOfArray(data) !== dtype) {
      throw new Error(`write: buffer ${id} is ${dtype} but was given a ${data.constructor.name}`);
    }
    this.store(id, this.memory.copyIn(dtype, data));
  }

  async read(id: BufferId): Promise<TypedArray> {
    return this.lookup(id, 'read').data.slice();
  }

  free(id: BufferId): void {
    this.memory.release(this.lookup(id, 'free'));
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
    this.prepared.set(id, new PreparedProgram(program, this.fusedKernels, this.memory));
    return id;
  }

  release(programId: number): void {
    this.prepared.get(programId)?.dispose();
    this.prepared.delete(programId);
  }

  replay(programId: number, params: readonly BufferId[], results: readonly BufferId[], onStep?: (stepIndex: number) => void): void {
    const prepared = this.prepared.get(programId);
    if (!prepared) throw new Error(`replay: no program ${programId} was prepared on this backend`);
    const buffers = {
      params: params.map((id) => this.lookup(id, `replay of program ${programId}`)),
      results: new Array<CpuArray | undefined>(results.length),
    };
    prepared.run(buffers, onStep);
    results.forEach((id, i) => this.store(id, buffers.results[i]!));
  }

  liveBufferCount(): number {
    return this.buffers.size;
  }

  liveBytes(): number {
    let bytes = 0;
    for (const { data } of this.buffers.values()) bytes += data.byteLength;
    return bytes;
  }

  /** Keeps `array` as buffer `id`, releasing what the id held before (the plan reuses ids). */
  private store(id: BufferId, array: CpuArray): void {
    const previous = this.buffers.get(id);
    this.buffers.set(id, array);
    if (previous && previous !== array) this.memory.release(previous);
  }

  /** Runs one launch into a new output, then stores it (so an output may reuse an input's id). */
  private launch<Op extends PrimitiveOp>(launch: Launch<Op>): void {
    const { op, label } = launch;
    const inputs = launch.inputs.map((ref) => this.inputArray(ref, label));
    const { id, shape, dtype } = launch.output;
    const output = this.memory.allocate(dtype, shape, false);
    withLabel(label, op, () => {
      this.memory.run(op, inputs, output, launch.attrs);
      if (launch.epilogue) this.applyEpilogue(launch.epilogue, output, label);
    });
    this.store(id, output);
  }

  /** Runs a generated elementwise kernel over a new output. */
  private launchFused(launch: FusedLaunch): void {
    const { id, shape, dtype } = launch.output;
    const inputs = launch.inputs.map((ref) => this.lookup(ref.id, launch.label).data);
    const kernel = this.fusedKernels.get({ expr: launch.expr, inputDTypes: launch.inputs.map((r) => r.dtype), shape });
    const output = this.memory.allocate(dtype, shape, false);
    withLabel(launch.label, undefined, () => kernel(inputs, output.data));
    this.store(id, output);
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
    return { ...stored, shape: ref.shape };
  }

  private lookup(id: BufferId, user: string): CpuArray {
    const stored = this.buffers.get(id);
    if (!stored) throw new Error(`${user}: buffer ${id} does not exist (freed, or never written)`);
    return stored;
  }
}

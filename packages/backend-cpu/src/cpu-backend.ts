import { allocArray, dtypeOfArray, formatShape, sizeOf } from '@loom/graph';
import type {
  Backend,
  BufferId,
  BufferRef,
  DType,
  Launch,
  PrimitiveOp,
  Program,
  TypedArray,
} from '@loom/graph';
import type { CpuArray, CpuKernel } from './cpu-kernel.js';
import { cpuKernels } from './kernel-table.js';

/** Runs programs in the calling thread, one kernel per launch, on buffers held in a map. */
export class CpuBackend implements Backend {
  readonly name = 'cpu';
  private readonly buffers = new Map<BufferId, CpuArray>();

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
      else this.launch(step);
    }
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
    try {
      kernel(inputs, output, launch.attrs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Kernels name their op ("gather: index 7 …"); the label names it already ("gather #12").
      const detail = message.startsWith(`${op}: `) ? message.slice(op.length + 2) : message;
      throw new Error(`${label}: ${detail}`, { cause: error });
    }
    this.buffers.set(id, output);
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

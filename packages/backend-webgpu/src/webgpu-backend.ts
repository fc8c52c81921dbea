import { bindProgram, dtypeOfArray, formatShape, sizeOf } from '@loom/graph';
import type {
  AnyLaunch,
  Backend,
  BufferId,
  BufferRef,
  DType,
  FusedLaunch,
  Program,
  ProgramStep,
  ReplayableProgram,
  TypedArray,
} from '@loom/graph';
import type { BindingSource, Dispatch } from './codegen/dispatch.js';
import { BufferPool, type PoolStats } from './gpu/buffer-pool.js';
import { CommandRecorder } from './gpu/command-recorder.js';
import { fromDeviceData, toDeviceData } from './gpu/host-data.js';
import { IndexChecks } from './gpu/index-checks.js';
import { PipelineCache } from './gpu/pipeline-cache.js';
import { DeviceWatch } from './device-watch.js';
import { planProgram, type PlannedProgram } from './plan-program.js';

interface StoredBuffer {
  buffer: GPUBuffer;
  dtype: DType;
  length: number;
}

type ComputeStep = AnyLaunch | FusedLaunch;

export interface WebGpuStats {
  liveBuffers: number;
  pipelines: number;
  pool: PoolStats;
  /** The last program run: its launches (after any splitting) and GPU dispatches. */
  lastProgram: { launches: number; dispatches: number };
}

export interface WebGpuBackendLimits {
  /** Storage buffers one kernel may bind (default: the device's limit); kernels that need more are split. */
  maxStorageBuffers?: number;
}

/**
 * Runs programs on a GPU device: every launch becomes generated WGSL dispatches (see
 * `kernel-table.ts`), a program is one command buffer, buffers come from a pool, and `read` maps
 * a staging copy asynchronously. Runs and reads are queued, so they happen in call order.
 */
export class WebGpuBackend implements Backend {
  readonly name = 'webgpu';
  private readonly buffers = new Map<BufferId, StoredBuffer>();
  private readonly storage: BufferPool;
  private readonly staging: BufferPool;
  private readonly uniforms: BufferPool;
  private readonly pipelines: PipelineCache;
  private readonly checks: IndexChecks;
  private readonly watch: DeviceWatch;
  private readonly programs = new Map<number, { program: ReplayableProgram; plan: Dispatch[][] }>();
  private readonly maxStorageBuffers: number;
  private nextProgram = 1;
  private lastProgram = { launches: 0, dispatches: 0 };
  /** Ids of temporaries the backend adds when it splits a kernel; the graph's ids are positive. */
  private nextTemp = -16;
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private deferredFrees: BufferId[] = [];

  constructor(
    readonly device: GPUDevice,
    readonly description: string,
    limits: WebGpuBackendLimits = {},
  ) {
    this.maxStorageBuffers = Math.min(device.limits.maxStorageBuffersPerShaderStage, limits.maxStorageBuffers ?? Infinity);
    this.watch = new DeviceWatch(device, this.name);
    // GPU globals are read here, not at module load, so importing this package in Node is safe.
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.storage = new BufferPool(device, storage, 'loom tensor');
    this.staging = new BufferPool(device, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, 'loom readback', 64 * 2 ** 20);
    this.uniforms = new BufferPool(device, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, 'loom params', 2 ** 20);
    this.pipelines = new PipelineCache(device);
    this.checks = new IndexChecks(device);
  }

  write(id: BufferId, dtype: DType, data: TypedArray): void {
    this.watch.check('write');
    if (dtypeOfArray(data) !== dtype)
      throw new Error(`write: buffer ${id} is ${dtype} but was given a ${data.constructor.name}`);
    const deviceData = toDeviceData(dtype, data);
    const existing = this.buffers.get(id);
    if (existing) this.releaseBuffer(id, existing);
    const buffer = this.storage.acquire(deviceData.byteLength);
    if (deviceData.byteLength > 0) this.device.queue.writeBuffer(buffer, 0, deviceData);
    this.buffers.set(id, { buffer, dtype, length: data.length });
  }

  read(id: BufferId): Promise<TypedArray> {
    this.watch.check('read');
    return this.enqueue(() => this.readNow(id));
  }

  /** Frees now, or after the queued runs if any (they may still read the buffer). */
  free(id: BufferId): void {
    if (this.queued > 0) {
      this.deferredFrees.push(id);
      return;
    }
    const stored = this.buffers.get(id);
    if (!stored) throw new Error(`free: buffer ${id} does not exist on the webgpu backend (freed, or never written)`);
    this.releaseBuffer(id, stored);
  }

  run(program: Program): Promise<void> {
    this.watch.check('run');
    const { steps, plan } = this.plan(program.steps);
    return this.enqueue(() => this.execute(steps, plan));
  }

  /** Keeps a compiled program with its dispatches generated once; replays only bind buffer ids. */
  prepare(program: ReplayableProgram): number {
    this.watch.check('prepare');
    const id = this.nextProgram++;
    const { steps, plan } = this.plan(program.steps);
    this.programs.set(id, { program: { ...program, steps }, plan });
    return id;
  }

  /** Forgets a prepared program (its compiled function was garbage-collected). */
  release(programId: number): void {
    this.programs.delete(programId);
  }

  replay(programId: number, params: readonly BufferId[], results: readonly BufferId[]): Promise<void> {
    this.watch.check('replay');
    const prepared = this.programs.get(programId);
    if (!prepared) throw new Error(`replay: the webgpu backend has no program ${programId}`);
    const { steps } = bindProgram(prepared.program, params, results);
    return this.enqueue(() => this.execute(steps, prepared.plan));
  }

  /** Whether the device is gone (lost, destroyed, or failed): every call then throws. */
  get lost(): boolean {
    return this.watch.lost;
  }

  /** Releases the device; every later call fails saying so. */
  destroy(): void {
    this.watch.destroyed();
    this.device.destroy();
  }

  /** Counters for tests and tuning: live buffers, compiled kernels, the pool, the last program. */
  stats(): WebGpuStats {
    return {
      liveBuffers: this.buffers.size,
      pipelines: this.pipelines.size,
      pool: this.storage.snapshot(),
      lastProgram: { ...this.lastProgram },
    };
  }

  private plan(steps: readonly ProgramStep[]): PlannedProgram {
    return planProgram(steps, this.maxStorageBuffers, () => this.nextTemp--);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(task).finally(() => {
      if (--this.queued === 0) this.flushFrees();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private flushFrees(): void {
    const ids = this.deferredFrees;
    this.deferredFrees = [];
    for (const id of ids) {
      const stored = this.buffers.get(id);
      if (stored) this.releaseBuffer(id, stored);
    }
  }

  private releaseBuffer(id: BufferId, stored: StoredBuffer): void {
    this.buffers.delete(id);
    this.storage.release(stored.buffer);
  }

  private async execute(steps: readonly ProgramStep[], plan: readonly Dispatch[][]): Promise<void> {
    const labelled = steps.flatMap((step, k) => (step.kind === 'free' ? [] : plan[k].map((dispatch) => ({ dispatch, label: step.label }))));
    await this.pipelines.compile(labelled);
    this.watch.check('run');
    const recorder = new CommandRecorder();
    const labels: string[] = [];
    this.lastProgram = { launches: 0, dispatches: 0 };
    steps.forEach((step, k) => {
      if (step.kind === 'free') {
        const stored = this.buffers.get(step.id);
        if (stored) this.releaseBuffer(step.id, stored);
      } else {
        this.record(recorder, step, plan[k]);
        labels.push(step.label);
        this.lastProgram.launches++;
        this.lastProgram.dispatches += plan[k].length;
      }
    });
    this.device.pushErrorScope('validation');
    recorder.submit(this.device, this.uniforms, labels.length === 1 ? labels[0] : `${labels.length} launches`);
    const error = await this.device.popErrorScope();
    if (error) throw new Error(`webgpu: the GPU rejected the program (${labels.join(', ')}): ${error.message}`);
  }

  /** Binds one launch's buffers (allocating its output) and records its dispatches. */
  private record(recorder: CommandRecorder, step: ComputeStep, dispatches: readonly Dispatch[]): void {
    const inputs = step.inputs.map((ref) => this.lookup(ref, step.label));
    const epilogue = step.kind === 'launch' && step.epilogue ? step.epilogue.inputs.map((ref) => this.lookup(ref, step.label)) : [];
    const { id, dtype, shape } = step.output;
    const length = sizeOf(shape);
    const previous = this.buffers.get(id);
    // Overwrite a buffer that is no longer read when it is large enough and not also an input.
    const reusable = previous && previous.buffer.size >= length * 4 && ![...inputs, ...epilogue].includes(previous.buffer);
    const output = reusable ? previous.buffer : this.storage.acquire(length * 4);
    const bufferOf = (source: BindingSource): GPUBuffer => {
      switch (source.kind) {
        case 'input':
          return inputs[source.index];
        case 'epilogue':
          return epilogue[source.index];
        case 'output':
          return output;
        case 'status':
          return this.checks.buffer;
      }
    };
    for (const dispatch of dispatches) {
      const pipeline = this.pipelines.lookup(dispatch);
      if (!pipeline) throw new Error(`${step.label}: its kernel was not compiled (internal error)`);
      let params = dispatch.params;
      if (dispatch.check) {
        params = params.slice();
        params[dispatch.check.tagSlot] = this.checks.tag(step.label, dispatch.check);
      }
      recorder.add({ pipeline, buffers: dispatch.bindings.map((b) => bufferOf(b.source)), params, workgroups: dispatch.workgroups });
    }
    if (previous && !reusable) this.storage.release(previous.buffer);
    this.buffers.set(id, { buffer: output, dtype, length });
  }

  /** The buffer behind `ref`, after checking it holds what the launch expects. */
  private lookup(ref: BufferRef, label: string): GPUBuffer {
    const stored = this.buffers.get(ref.id);
    if (!stored) throw new Error(`${label}: buffer ${ref.id} does not exist (freed, or never written)`);
    if (stored.dtype !== ref.dtype || stored.length !== sizeOf(ref.shape))
      throw new Error(
        `${label}: buffer ${ref.id} holds ${stored.length} ${stored.dtype} elements, ` +
          `but the launch reads it as ${ref.dtype} ${formatShape(ref.shape)}`,
      );
    return stored.buffer;
  }

  private async readNow(id: BufferId): Promise<TypedArray> {
    const stored = this.buffers.get(id);
    if (!stored) throw new Error(`read: buffer ${id} does not exist (freed, or never written)`);
    const bytes = stored.length * 4;
    const statusBytes = this.checks.hasPending ? 8 : 0;
    if (bytes + statusBytes === 0) return fromDeviceData(stored.dtype, new ArrayBuffer(0), 0);
    const staging = this.staging.acquire(bytes + statusBytes);
    const encoder = this.device.createCommandEncoder({ label: `read ${id}` });
    if (bytes > 0) encoder.copyBufferToBuffer(stored.buffer, 0, staging, 0, bytes);
    if (statusBytes) encoder.copyBufferToBuffer(this.checks.buffer, 0, staging, bytes, statusBytes);
    this.device.queue.submit([encoder.finish()]);
    let copy: ArrayBuffer;
    try {
      await staging.mapAsync(GPUMapMode.READ, 0, bytes + statusBytes);
      copy = staging.getMappedRange(0, bytes + statusBytes).slice(0);
      staging.unmap();
    } catch (error) {
      this.watch.check('read');
      throw new Error(`webgpu: reading buffer ${id} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.staging.release(staging);
    if (statusBytes) this.checks.settle(new Uint32Array(copy, bytes, 2));
    return fromDeviceData(stored.dtype, copy, stored.length);
  }
}

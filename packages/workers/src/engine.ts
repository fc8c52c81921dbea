import { transfer } from 'comlink';
import { BackendLostError, isBackendLostError, type Backend, type Program, type ProgramStep, type ReplayableProgram, type TypedArray } from '@loom/graph';
import { HelperTeam } from './parallel/helper-team.js';
import { Role, Scratch } from './parallel/scratch.js';
import { detachEpilogue } from './parallel/detach-epilogue.js';
import { blocksOf, planSplit } from './parallel/split-plan.js';
import { rebind } from './rebind.js';
import type {
  EngineApi,
  EngineCommand,
  EngineDevice,
  EngineFault,
  EngineInit,
  EngineReady,
  EngineStats,
  HelperAttachment,
  ReadRequest,
  ReplayRequest,
  RunReport,
  RunRequest,
} from './protocol.js';

export interface EngineHooks {
  /** Ends this worker at once (the `exit` test fault). */
  exit(): void;
  /** Destroys the GPU device, if the backend has one, once it reads as lost (the `device-lost` test fault). */
  loseDevice(): Promise<void>;
}

/** Makes the engine's backend; a GPU backend starts asynchronously and may fail to. */
export type BackendMaker = (options: { wasm: boolean; device: EngineDevice }) => Backend | Promise<Backend>;

/**
 * What runs in the engine worker: tensors live in `backend` (a CpuBackend), the main thread holds
 * their ids. Programs run step by step so the progress record always names the op in flight, and
 * big matmul / conv2d launches are split across the helper team when there is one.
 */
export class Engine implements EngineApi {
  private queue: Promise<unknown> = Promise.resolve();
  private progress: Int32Array | undefined;
  private splitMinFlops = Infinity;
  private team: HelperTeam | undefined;
  private readonly scratch = new Scratch();
  /** An error from `submit`, thrown by the next run or read. */
  private deferred: unknown;
  private readonly faults: EngineFault[] = [];
  private readonly prepared = new Map<number, ReplayableProgram>();
  private nextTemporary = -1;
  private programs = 0;
  private splitLaunches = 0;

  private started: Backend | undefined;

  constructor(
    private readonly createBackend: BackendMaker,
    private readonly hooks: EngineHooks,
  ) {}

  async init({ device, progress, splitMinFlops, helperTimeoutMs, wasm }: EngineInit): Promise<EngineReady> {
    this.started = await this.createBackend({ wasm, device });
    this.progress = progress ? new Int32Array(progress) : undefined;
    this.splitMinFlops = splitMinFlops;
    // Helpers split CPU kernels; a GPU engine runs every kernel on its device.
    this.team = progress && device === 'cpu' ? new HelperTeam(this.scratch, helperTimeoutMs) : undefined;
    return { description: this.started.description };
  }

  private get backend(): Backend {
    if (!this.started) throw new Error('the engine was used before init()');
    return this.started;
  }

  submit(commands: readonly EngineCommand[]): void {
    void this.serial(() => {
      try {
        this.apply(commands);
      } catch (error) {
        this.deferred ??= error;
      }
    });
  }

  run({ programId, commands, program }: RunRequest): Promise<RunReport> {
    return this.serial(() => this.runNow(programId, commands, program));
  }

  replay({ programId, commands, prepared, params, results }: ReplayRequest): Promise<RunReport> {
    return this.serial(() => {
      this.throwDeferred();
      this.apply(commands);
      const program = this.prepared.get(prepared);
      if (!program) throw new Error(`replay: program ${prepared} was never prepared on this engine`);
      const steps = rebind(program, params, results, () => this.nextTemporary--);
      return this.runNow(programId, [], { steps });
    });
  }

  read({ commands, id }: ReadRequest): Promise<TypedArray> {
    return this.serial(async () => {
      this.throwDeferred();
      this.apply(commands);
      const data = await this.backend.read(id);
      return transfer(data, [data.buffer]);
    });
  }

  attachHelper(attachment: HelperAttachment): void {
    if (!this.team) throw new Error('attachHelper: the engine runs without shared memory, so it has no helper team');
    this.team.attach(attachment);
  }

  stats(): EngineStats {
    return { liveHelpers: this.team?.live().length ?? 0, programs: this.programs, splitLaunches: this.splitLaunches };
  }

  armFault(fault: EngineFault): void {
    this.faults.push(fault);
  }

  /** Runs calls one after another in arrival order, even when a backend call awaits. */
  private serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private throwDeferred(): void {
    const deferred = this.deferred;
    if (deferred === undefined) return;
    this.deferred = undefined;
    throw deferred;
  }

  /** Writes copy into the backend; frees of buffers a failed program never created are ignored. */
  private apply(commands: readonly EngineCommand[]): void {
    for (const command of commands) {
      if (command.kind === 'write') this.backend.write(command.id, command.dtype, command.data);
      else if (command.kind === 'free') freeQuietly(this.backend, command.id);
      else if (command.kind === 'prepare') this.prepared.set(command.id, command.program);
    }
  }

  private async runNow(programId: number, commands: readonly EngineCommand[], program: Program): Promise<RunReport> {
    this.throwDeferred();
    this.apply(commands);
    this.programs++;
    let splitLaunches = 0;
    for (const [index, step] of program.steps.entries()) {
      const label = step.kind === 'free' ? `free of buffer ${step.id}` : step.label;
      if (this.progress) {
        Atomics.store(this.progress, 0, programId);
        Atomics.store(this.progress, 1, index);
      }
      const fault = this.takeFault(label);
      if (fault && fault.kind !== 'helper-exit') await this.inject(fault, label);
      try {
        if (await this.trySplit(step, fault?.kind === 'helper-exit')) splitLaunches++;
        else await this.backend.run({ steps: [step] });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const detail = message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
        const where = `program #${programId}, step ${index} (${label}): ${detail}`;
        // A lost device stays recognisable across the thread boundary, so training can fall back.
        throw isBackendLostError(error) ? new BackendLostError(this.backend.name, where) : new Error(where);
      }
    }
    if (this.progress) Atomics.store(this.progress, 0, 0);
    this.splitLaunches += splitLaunches;
    return { steps: program.steps.length, splitLaunches };
  }

  /**
   * Runs a big matmul / conv2d across the team: inputs are copied into the shared scratch arrays,
   * each thread computes a block, and the output is written back into the backend. A fused
   * epilogue (bias, activation) then runs in the backend as its own elementwise launch.
   */
  private async trySplit(step: ProgramStep, helperFault: boolean): Promise<boolean> {
    const team = this.team;
    if (!team || step.kind !== 'launch') return false;
    const threads = team.threads();
    const detached = step.epilogue ? detachEpilogue(step, this.nextTemporary--) : undefined;
    const launch = detached ? detached[0] : step;
    const plan = planSplit(launch, threads, this.splitMinFlops);
    if (!plan) return false;
    const [first, second] = await Promise.all([this.backend.read(launch.inputs[0].id), this.backend.read(launch.inputs[1].id)]);
    if (!(first instanceof Float32Array) || !(second instanceof Float32Array)) return false;
    const a = this.scratch.view(Role.a, plan.sizes[0], team.onScratchGrow);
    const b = this.scratch.view(Role.b, plan.sizes[1], team.onScratchGrow);
    const out = this.scratch.view(Role.out, plan.sizes[2], team.onScratchGrow);
    a.set(first);
    b.set(second);
    team.run(blocksOf(plan, threads), { a, b, out }, { helperFault });
    this.backend.write(launch.output.id, 'float32', out);
    if (detached) await this.backend.run({ steps: [detached[1], detached[2]] });
    return true;
  }

  private takeFault(label: string): EngineFault | undefined {
    const index = this.faults.findIndex((fault) => fault.atLabel === label || fault.atLabel === '*');
    return index < 0 ? undefined : this.faults.splice(index, 1)[0];
  }

  /** Makes the worker fail the way the fault says; only `device-lost` lets the step go on (and fail). */
  private async inject(fault: EngineFault, label: string): Promise<void> {
    if (fault.kind === 'uncaught')
      setTimeout(() => {
        throw new Error(`injected fault at ${label}`);
      }, 0);
    if (fault.kind === 'exit') this.hooks.exit();
    if (fault.kind === 'device-lost') {
      await this.hooks.loseDevice();
      return;
    }
    return new Promise<never>(() => undefined);
  }
}

function freeQuietly(backend: Backend, id: number): void {
  try {
    backend.free(id);
  } catch {
    // already gone: freed by the failed program's own plan, or never created
  }
}

import { transfer } from 'comlink';
import {
  BackendLostError,
  isBackendLostError,
  type Backend,
  type Program,
  type ProgramStep,
  type ReplayableProgram,
  type TypedArray,
} from '@loom/graph';
import type { HelperFault, TeamStats } from '@loom/backend-cpu';
import { rebind } from './rebind.js';
import type {
  EngineApi,
  EngineCommand,
  EngineDevice,
  EngineFault,
  EngineInit,
  EngineReady,
  EngineStats,
  ReadRequest,
  SplitOptions,
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

/** The engine's view of its backend's helper threads (a HeapHelperTeam). */
export interface EngineTeam {
  stats(): TeamStats;
  takeFaults(): string[];
  armFault(fault: HelperFault): void;
}

/** What the engine's backend is made of: the CPU with `helpers` helper threads, or a GPU. */
export interface BackendSpec {
  wasm: boolean;
  device: EngineDevice;
  helpers: number;
  split: SplitOptions;
}

/**
 * Makes the engine's backend; a GPU backend starts asynchronously and may fail to. `team` gives
 * the backend's helper team once it exists (the CPU backend makes it with its heap, on first use).
 */
export type BackendMaker = (
  spec: BackendSpec,
) => Promise<{ backend: Backend; team?: () => EngineTeam | undefined }>;

/**
 * What runs in the engine worker: tensors live in `backend` (a CpuBackend), the main thread holds
 * their ids. Programs run step by step so the progress record always names the op in flight; the
 * CpuBackend itself splits big launches with its helper threads, which run the WASM kernels on
 * its shared heap.
 */
export class Engine implements EngineApi {
  private queue: Promise<unknown> = Promise.resolve();
  private progress: Int32Array | undefined;
  private team: () => EngineTeam | undefined = () => undefined;
  /** An error from `submit`, thrown by the next run or read. */
  private deferred: unknown;
  private readonly faults: EngineFault[] = [];
  private readonly prepared = new Map<number, ReplayableProgram>();
  /** The backend's own id for each program prepared on this engine, once replayed. */
  private readonly backendPrograms = new Map<number, number>();
  private device: EngineDevice = 'cpu';
  private nextTemporary = -1;
  private programs = 0;

  private started: Backend | undefined;

  constructor(
    private readonly createBackend: BackendMaker,
    private readonly hooks: EngineHooks,
  ) {}

  async init({ device, progress, helpers, split, wasm }: EngineInit): Promise<EngineReady> {
    // Helpers share CPU kernels over shared memory; a GPU engine runs every kernel on its device.
    const made = await this.createBackend({
      wasm,
      device,
      helpers: progress && device === 'cpu' ? helpers : 0,
      split,
    });
    this.started = made.backend;
    this.device = device;
    this.team = made.team ?? (() => undefined);
    this.progress = progress ? new Int32Array(progress) : undefined;
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

  /**
   * Replays a prepared program. The caller does not wait for replays (a training step and its
   * loss read cost one round trip), so a failure is kept and thrown by the next call, which is
   * how the caller hears of it — as a GPU queue reports errors.
   */
  replay({ programId, commands, prepared, params, results }: ReplayRequest): Promise<RunReport> {
    return this.serial(async () => {
      try {
        this.throwDeferred();
        this.apply(commands);
        const program = this.prepared.get(prepared);
        if (!program)
          throw new Error(`replay: program ${prepared} was never prepared on this engine`);
        // Armed test faults act step by step, so they take the step-by-step path.
        const backend = this.backend;
        if (this.faults.length === 0 && this.device === 'cpu' && backend.prepare && backend.replay)
          return await this.replayPrepared(
            backend as PreparingBackend,
            programId,
            prepared,
            program,
            params,
            results,
          );
        const steps = rebind(program, params, results, () => this.nextTemporary--);
        return await this.runNow(programId, [], { steps });
      } catch (error) {
        this.deferred ??= error;
        return { steps: 0, splitLaunches: 0, helperShares: 0, helperFaults: [] };
      }
    });
  }

  /**
   * Replays through the backend's own prepared program (kernels looked up and temporaries kept
   * once, as in-process compiled steps run), its step observer keeping the progress record.
   */
  private async replayPrepared(
    backend: PreparingBackend,
    programId: number,
    prepared: number,
    program: ReplayableProgram,
    params: readonly number[],
    results: readonly number[],
  ): Promise<RunReport> {
    let backendProgram = this.backendPrograms.get(prepared);
    if (backendProgram === undefined)
      this.backendPrograms.set(prepared, (backendProgram = backend.prepare(program)));
    this.programs++;
    const before = this.team()?.stats();
    let current = 0;
    const progress = this.progress;
    if (progress) Atomics.store(progress, 0, programId);
    try {
      await backend.replay(backendProgram, params, results, (index) => {
        current = index;
        if (progress) Atomics.store(progress, 1, index);
      });
    } catch (error) {
      throw this.stepError(error, programId, current, stepLabel(program.steps[current]));
    }
    if (progress) Atomics.store(progress, 0, 0);
    return this.report(program.steps.length, before);
  }

  read({ commands, id }: ReadRequest): Promise<TypedArray> {
    return this.serial(async () => {
      this.throwDeferred();
      this.apply(commands);
      const data = await this.backend.read(id);
      return transfer(data, [data.buffer]);
    });
  }

  stats(): EngineStats {
    const team = this.team()?.stats();
    return {
      liveHelpers: team?.liveHelpers ?? 0,
      programs: this.programs,
      splitLaunches: team?.splitLaunches ?? 0,
      helperShares: team?.helperShares ?? 0,
      helperReplacements: team?.replacements ?? 0,
    };
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
      else if (command.kind === 'release') this.release(command.id);
    }
  }

  private async runNow(
    programId: number,
    commands: readonly EngineCommand[],
    program: Program,
  ): Promise<RunReport> {
    this.throwDeferred();
    this.apply(commands);
    this.programs++;
    const before = this.team()?.stats();
    for (const [index, step] of program.steps.entries()) {
      const label = stepLabel(step);
      if (this.progress) {
        Atomics.store(this.progress, 0, programId);
        Atomics.store(this.progress, 1, index);
      }
      const fault = this.takeFault(label);
      if (fault?.kind === 'helper-exit' || fault?.kind === 'helper-throw')
        this.team()?.armFault(fault.kind === 'helper-exit' ? 'exit' : 'throw');
      else if (fault) await this.inject(fault, label);
      try {
        await this.backend.run({ steps: [step] });
      } catch (error) {
        throw this.stepError(error, programId, index, label);
      }
    }
    if (this.progress) Atomics.store(this.progress, 0, 0);
    return this.report(program.steps.length, before);
  }

  /** Forgets a prepared program and the backend's copy of it (with its temporaries). */
  private release(prepared: number): void {
    this.prepared.delete(prepared);
    const backendProgram = this.backendPrograms.get(prepared);
    if (backendProgram === undefined) return;
    this.backendPrograms.delete(prepared);
    this.backend.release?.(backendProgram);
  }

  /** The error of a failed step, naming the program, the step and its op. */
  private stepError(error: unknown, programId: number, index: number, label: string): Error {
    const message = error instanceof Error ? error.message : String(error);
    const detail = message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
    const where = `program #${programId}, step ${index} (${label}): ${detail}`;
    // A lost device stays recognisable across the thread boundary, so training can fall back.
    return isBackendLostError(error)
      ? new BackendLostError(this.backend.name, where)
      : new Error(where);
  }

  /** What a run did, with the helper team's work since `before`. */
  private report(steps: number, before: TeamStats | undefined): RunReport {
    const team = this.team();
    const after = team?.stats();
    return {
      steps,
      splitLaunches: (after?.splitLaunches ?? 0) - (before?.splitLaunches ?? 0),
      helperShares: (after?.helperShares ?? 0) - (before?.helperShares ?? 0),
      helperFaults: team?.takeFaults() ?? [],
    };
  }

  private takeFault(label: string): EngineFault | undefined {
    const index = this.faults.findIndex(
      (fault) => fault.atLabel === label || fault.atLabel === '*',
    );
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

/** A backend that keeps prepared programs (the CpuBackend). */
type PreparingBackend = Backend & Required<Pick<Backend, 'prepare' | 'replay'>>;

function stepLabel(step: ProgramStep | undefined): string {
  if (!step) return 'no step';
  return step.kind === 'free' ? `free of buffer ${step.id}` : step.label;
}

function freeQuietly(backend: Backend, id: number): void {
  try {
    backend.free(id);
  } catch {
    // already gone: freed by the failed program's own plan, or never created
  }
}

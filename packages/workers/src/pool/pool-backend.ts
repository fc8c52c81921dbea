import { transfer, type Remote } from 'comlink';
import {
  dtypeOfArray,
  type Backend,
  type BufferId,
  type DType,
  type Program,
  type ReplayableProgram,
  type TypedArray,
} from '@loom/graph';
import type { EngineApi, EngineCommand, RunReport } from '../protocol.js';
import type { CallInfo } from './call-info.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Queued writes and frees normally ride along with the next run or read; when none comes within
 * this many ms they are sent on their own (so an idle app still releases worker memory).
 */
const IDLE_FLUSH_MS = 50;

/**
 * A `Backend` whose tensors live in the pool's engine worker: the caller holds ids, writes and
 * frees ride along with the next run or read (so a program costs one round trip), arrays move by
 * transfer, and only the values read come back. When the engine dies, every buffer it held is
 * reported "lost" by name instead of being silently recomputed or read as garbage.
 */
export class PoolBackend implements Backend {
  private queued: EngineCommand[] = [];
  private transfers: ArrayBuffer[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Buffers sent to the current engine. */
  private readonly live = new Set<BufferId>();
  /** Buffers whose only copy died with an engine, and why. */
  private readonly lost = new Map<BufferId, string>();
  /** An error from a background flush, thrown by the next run or read. */
  private failure: Error | undefined;
  private nextProgramId = 1;
  /** Compiled programs by the id `prepare` gave them, and those the current engine holds. */
  private readonly prepared = new Map<number, ReplayableProgram>();
  private readonly preparedOnEngine = new Set<number>();
  private nextPrepared = 1;
  lastReport: RunReport | undefined;
  /** Helper threads the engine replaced (died, failed or hung), and why; each is also warned about. */
  readonly helperFaults: string[] = [];

  constructor(
    readonly pool: WorkerPool,
    readonly name = 'pool',
    /** What the pool runs on, for getBackend(): its shape and the engine's device. */
    readonly description?: string,
  ) {
    pool.onReplace((cause) => {
      for (const id of this.live) this.lost.set(id, cause);
      this.live.clear();
      this.preparedOnEngine.clear();
    });
  }

  /** Copies `data` (the caller keeps its array), then transfers the copy with the next call. */
  write(id: BufferId, dtype: DType, data: TypedArray): void {
    if (dtypeOfArray(data) !== dtype) throw new Error(`write: buffer ${id} is ${dtype} but was given a ${data.constructor.name}`);
    const copy = data.slice();
    this.lost.delete(id);
    this.enqueue({ kind: 'write', id, dtype, data: copy }, copy.buffer);
  }

  free(id: BufferId): void {
    if (this.lost.delete(id)) return;
    this.enqueue({ kind: 'free', id });
  }

  async read(id: BufferId): Promise<TypedArray> {
    this.throwIfLost(id, `read of buffer ${id}`);
    return this.send<TypedArray>({ kind: 'read', id }, (commands, moving) => (engine) => engine.read(moving({ commands, id })));
  }

  async run(program: Program): Promise<void> {
    this.checkInputs(program);
    const programId = this.nextProgramId++;
    this.noteReport(await this.send({ kind: 'run', programId, program }, (commands, moving) => {
      for (const step of program.steps) {
        if (step.kind === 'free') this.live.delete(step.id);
        else this.live.add(step.output.id);
      }
      return (engine) => engine.run(moving({ programId, commands, program }));
    }));
  }

  /** Keeps a compiled program for replays; it travels to the engine once, with the next call. */
  prepare(program: ReplayableProgram): number {
    const id = this.nextPrepared++;
    this.prepared.set(id, program);
    return id;
  }

  /** Forgets a prepared program here and, with the next call, on the engine (which keeps its temporaries). */
  release(prepared: number): void {
    this.prepared.delete(prepared);
    if (this.preparedOnEngine.delete(prepared)) this.enqueue({ kind: 'release', id: prepared });
  }

  /**
   * Runs a prepared program on the caller's buffers: one small message per training step, not
   * waited for — the engine runs calls in order, so reading a result (the loss) follows the step
   * in the same round trip, and a step's failure is thrown by that read (or the next call).
   */
  async replay(prepared: number, params: readonly BufferId[], results: readonly BufferId[]): Promise<void> {
    const program = this.prepared.get(prepared);
    if (!program) throw new Error(`replay: no program ${prepared} was prepared on this backend`);
    program.params.forEach((own, i) => this.throwIfLost(params[i], `replay of compiled program ${prepared} (param ${own})`));
    const programId = this.nextProgramId++;
    const sent = this.send({ kind: 'run', programId, program }, (commands, moving) => {
      if (!this.preparedOnEngine.has(prepared)) {
        commands.unshift({ kind: 'prepare', id: prepared, program });
        this.preparedOnEngine.add(prepared);
      }
      for (const id of results) this.live.add(id);
      return (engine) => engine.replay(moving({ programId, commands, prepared, params, results }));
    });
    // Only a dead (or timed-out) engine rejects a replay: the pool then fails every call in flight
    // naming the op, and the step's results read as lost — nothing more to say here.
    sent.then(
      (report) => this.noteReport(report),
      () => undefined,
    );
  }

  /** Keeps a run's report; a helper thread the engine had to replace is said (once per event). */
  private noteReport(report: RunReport): void {
    this.lastReport = report;
    for (const fault of report.helperFaults) {
      this.helperFaults.push(fault);
      console.warn(`@loom/workers: ${fault}`);
    }
  }

  /** Sends queued writes and frees now, without waiting for a run or read. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.queued.length === 0) return;
    this.send({ kind: 'submit' }, (commands, moving) => (engine) => engine.submit(moving(commands))).catch(
      (error: unknown) => (this.failure ??= error instanceof Error ? error : new Error(String(error))),
    );
  }

  private enqueue(command: EngineCommand, buffer?: ArrayBuffer): void {
    this.queued.push(command);
    if (buffer) this.transfers.push(buffer);
    this.flushTimer ??= setTimeout(() => this.flush(), IDLE_FLUSH_MS);
  }

  /**
   * Takes the queued commands into one call. `prepare` runs when the call is dispatched to an
   * engine, so the buffers it records as live belong to the engine that receives them; `moving`
   * marks the request so the written arrays are transferred, not copied.
   */
  private send<R>(
    info: CallInfo,
    prepare: (commands: EngineCommand[], moving: <T extends object>(request: T) => T) => (engine: Remote<EngineApi>) => Promise<R>,
  ): Promise<R> {
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const commands = this.queued;
    const buffers = this.transfers;
    this.queued = [];
    this.transfers = [];
    return this.pool.call(info, async (engine) => {
      for (const command of commands) {
        if (command.kind === 'write') this.live.add(command.id);
        else if (command.kind === 'free') this.live.delete(command.id);
      }
      return prepare(commands, (request) => transfer(request, buffers))(engine);
    });
  }

  /** Fails before sending when a program reads a buffer whose engine died. */
  private checkInputs(program: Program): void {
    const produced = new Set<BufferId>();
    for (const step of program.steps) {
      if (step.kind === 'free') continue;
      const inputs = step.kind === 'launch' ? [...step.inputs, ...(step.epilogue?.inputs ?? [])] : step.inputs;
      for (const input of inputs) if (!produced.has(input.id)) this.throwIfLost(input.id, step.label);
      produced.add(step.output.id);
    }
  }

  private throwIfLost(id: BufferId, user: string): void {
    const cause = this.lost.get(id);
    if (cause !== undefined)
      throw new Error(`${user}: buffer ${id} was lost (${cause}); it lived only in that worker, recompute it`);
  }
}

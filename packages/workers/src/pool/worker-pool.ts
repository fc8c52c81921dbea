import type { Remote } from 'comlink';
import type { EngineApi, EngineDevice, SplitOptions } from '../protocol.js';
import { availableParallelism, sharedMemorySupport } from '../platform/environment.js';
import type { WorkerHandle } from '../platform/worker-handle.js';
import { describeCall, type CallInfo } from './call-info.js';
import { Crew, type CrewOptions } from './crew.js';

/** The most threads a pool starts when not told how many. */
export const defaultThreadCap = 8;

export interface PoolOptions {
  /**
   * Threads: the engine worker plus helpers. Default: the machine's available parallelism, at most
   * `defaultThreadCap` (each helper reserves scratch in the engine's memory, and the textbook
   * models' kernels stop gaining well before that many threads).
   */
  threads?: number;
  /** A call unanswered after this many ms fails and the engine is replaced. 0 = never. Default 120 s. */
  callTimeoutMs?: number;
  /** How long a worker may take to start, in ms. Default 30 s. */
  startTimeoutMs?: number;
  /** matmul / conv2d launches with fewer floating-point operations stay on one thread. Default: measured, see README. */
  splitMinFlops?: number;
  /** Fused elementwise launches with fewer output elements stay on one thread. Default: measured, see README. */
  splitMinElements?: number;
  /** Reductions over fewer input elements stay on one thread. Default: measured, see README. */
  splitMinReduceElements?: number;
  /**
   * How long the engine waits, with no progress, for shares a helper thread claimed before it
   * replaces that helper and computes them itself, in ms. Default 2000.
   */
  helperStallMs?: number;
  /**
   * Whether launches run on the engine alone for a while after helper threads kept it waiting
   * (they get no CPU when other processes hold the cores). Default true; tests turn it off.
   */
  helperBackOff?: boolean;
  /** Set false to run on one worker even where memory can be shared. */
  shared?: boolean;
  /** Set false to run the reference kernels instead of WASM SIMD (tests that compare bytes). */
  wasm?: boolean;
  /**
   * 'webgpu' runs every kernel on a WebGPU device the engine worker opens (browsers only; one
   * worker, since the GPU does the parallel work). Starting fails, saying why, without an adapter.
   */
  device?: EngineDevice;
}

export interface PoolInfo {
  /** Threads that run kernels (1 engine + helpers). */
  threads: number;
  shared: boolean;
  /** Why the pool has this shape. */
  reason: string;
}

/** Heard after the engine died and a fresh one replaced it; its tensors are gone. */
export type ReplaceListener = (cause: string) => void;

interface InFlight {
  call: CallInfo;
  crew: Crew;
  reject(error: Error): void;
}

let warnedNoSharing = false;

/**
 * N threads: one engine worker holding the tensors, whose CpuBackend shares big kernels with
 * N − 1 helper threads it starts itself. Calls go to the engine through Comlink; if the engine dies or a call times out, every call in flight
 * rejects with an Error naming the program and op, the crew is replaced, and later calls succeed.
 */
export class WorkerPool {
  private crew: Promise<Crew>;
  private readonly inFlight = new Set<InFlight>();
  private readonly replaceListeners: ReplaceListener[] = [];
  private closed = false;

  private constructor(
    readonly info: PoolInfo,
    private readonly options: ResolvedOptions,
    first: Crew,
  ) {
    this.crew = Promise.resolve(first);
  }

  static async start(options: PoolOptions = {}): Promise<WorkerPool> {
    const callTimeoutMs = options.callTimeoutMs ?? 120_000;
    const wanted = Math.max(1, options.threads ?? Math.min(defaultThreadCap, await availableParallelism()));
    const support = sharedMemorySupport();
    const device = options.device ?? 'cpu';
    const shared = support.available && options.shared !== false;
    const threads = shared && device === 'cpu' ? wanted : 1;
    const reason = device === 'webgpu'
      ? 'one engine worker driving the GPU'
      : shared
      ? `${threads} thread${threads > 1 ? 's' : ''}: an engine worker${threads > 1 ? ` and ${threads - 1} helper thread(s) sharing its memory` : ''}`
      : `one worker: ${options.shared === false ? 'shared memory turned off by the caller' : support.reason}`;
    if (!shared && wanted > 1 && device === 'cpu' && !warnedNoSharing) {
      warnedNoSharing = true;
      console.warn(`@loom/workers: running on ${reason}`);
    }
    const resolved: ResolvedOptions = {
      threads,
      callTimeoutMs,
      startTimeoutMs: options.startTimeoutMs ?? 30_000,
      split: {
        minFlops: options.splitMinFlops,
        minElements: options.splitMinElements,
        minReduceElements: options.splitMinReduceElements,
        helperStallMs: options.helperStallMs,
        helperBackOff: options.helperBackOff,
      },
      wasm: options.wasm ?? true,
      device,
      shared,
    };
    // The first crew's death listener needs the pool, which needs the crew: go through a holder.
    const holder: { pool?: WorkerPool } = {};
    const first = await Crew.start(crewOptions(resolved, (crew, cause) => holder.pool?.fail(crew, cause)));
    holder.pool = new WorkerPool({ threads, shared, reason }, resolved, first);
    return holder.pool;
  }

  /**
   * Runs `fn` against the current engine. Rejects with a descriptive Error if the engine dies or
   * does not answer within the call timeout; the pool then starts a new engine for later calls.
   */
  async call<T>(call: CallInfo, fn: (engine: Remote<EngineApi>) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the worker pool was terminated');
    const crew = await this.current();
    return new Promise<T>((resolve, reject) => {
      const entry: InFlight = { call, crew, reject };
      this.track(entry, true);
      const timeoutMs = this.options.callTimeoutMs;
      const timer =
        timeoutMs > 0
          ? setTimeout(() => this.fail(crew, new Error(`the engine did not answer within ${timeoutMs} ms`)), timeoutMs)
          : undefined;
      fn(crew.api)
        .then(resolve, reject)
        .finally(() => {
          clearTimeout(timer);
          this.track(entry, false);
        });
    });
  }

  /** Registers a listener for engine replacements (the PoolBackend marks its tensors lost). */
  onReplace(listener: ReplaceListener): void {
    this.replaceListeners.push(listener);
  }

  /** What the current engine's backend runs on (the GPU adapter, or the CPU kernels). */
  async description(): Promise<string | undefined> {
    return (await this.crew).description;
  }

  /** The current workers, engine first (tests terminate them to simulate crashes). */
  async workers(): Promise<WorkerHandle[]> {
    return (await this.crew).workers();
  }

  async terminate(): Promise<void> {
    this.closed = true;
    const crew = await this.crew.catch(() => undefined);
    for (const entry of [...this.inFlight]) entry.reject(new Error('the worker pool was terminated'));
    await crew?.end();
  }

  /** The running crew; if starting the last one failed, one more try (its error if that fails too). */
  private async current(): Promise<Crew> {
    try {
      return await this.crew;
    } catch {
      this.crew = this.startCrew();
      return this.crew;
    }
  }

  private startCrew(): Promise<Crew> {
    const crew = Crew.start(crewOptions(this.options, (c, why) => this.fail(c, why)));
    crew.catch(() => undefined);
    return crew;
  }

  private track(entry: InFlight, add: boolean): void {
    if (add) this.inFlight.add(entry);
    else this.inFlight.delete(entry);
    const busy = [...this.inFlight].some((e) => e.crew === entry.crew);
    entry.crew.engine.keepAlive(busy);
  }

  /** Fails every call in flight on `crew`, naming what each was doing, and replaces the crew. */
  private fail(crew: Crew, cause: Error): void {
    if (this.closed) return;
    void this.crew.then((current) => {
      if (current !== crew) return;
      const lost = `the engine worker failed (${cause.message})`;
      for (const entry of [...this.inFlight]) {
        if (entry.crew !== crew) continue;
        this.track(entry, false);
        entry.reject(new Error(`${describeCall(entry.call, crew.progress)} failed: ${lost}; a new engine worker was started`));
      }
      void crew.end();
      this.crew = this.startCrew();
      const where = crew.progress && Atomics.load(crew.progress, 0) !== 0 ? ' ' + progressNote(crew.progress) : '';
      for (const listener of this.replaceListeners) listener(`${lost}${where}`);
    }, () => undefined);
  }
}

function progressNote(progress: Int32Array): string {
  return `while running program #${Atomics.load(progress, 0)} at step ${Atomics.load(progress, 1)}`;
}

interface ResolvedOptions {
  threads: number;
  callTimeoutMs: number;
  startTimeoutMs: number;
  split: SplitOptions;
  wasm: boolean;
  device: EngineDevice;
  shared: boolean;
}

function crewOptions(options: ResolvedOptions, onEngineDeath: CrewOptions['onEngineDeath']): CrewOptions {
  return {
    helpers: options.threads - 1,
    shared: options.shared,
    split: options.split,
    wasm: options.wasm,
    device: options.device,
    startTimeoutMs: options.startTimeoutMs,
    onEngineDeath,
  };
}

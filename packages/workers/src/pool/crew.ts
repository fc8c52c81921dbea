import { wrap, type Remote } from 'comlink';
import { PROGRESS_INTS, type EngineApi, type EngineDevice, type SplitOptions } from '../protocol.js';
import type { WorkerHandle } from '../platform/worker-handle.js';
import { startEngineWorker } from '../worker-entries.js';

export interface CrewOptions {
  /** Helper threads the engine's backend starts (0 without shared memory). */
  helpers: number;
  shared: boolean;
  split: SplitOptions;
  wasm: boolean;
  device: EngineDevice;
  startTimeoutMs: number;
  /** Heard when the engine dies on its own; helpers that die are replaced by the engine. */
  onEngineDeath(crew: Crew, cause: Error): void;
}

/**
 * One engine worker (whose backend starts and replaces its own helper threads): what the pool
 * replaces when the engine dies. The engine's progress record outlives the engine, so the pool
 * can say which op was in flight.
 */
export class Crew {
  private ended = false;

  private constructor(
    readonly engine: WorkerHandle,
    readonly api: Remote<EngineApi>,
    readonly progress: Int32Array | undefined,
    /** What the engine's backend runs on, as it says. */
    readonly description: string | undefined,
  ) {}

  static async start(options: CrewOptions): Promise<Crew> {
    const engine = await startEngineWorker();
    try {
      await deadline(engine.ready, options.startTimeoutMs, 'the engine worker did not start');
      const api = wrap<EngineApi>(engine.endpoint);
      const progress = options.shared ? new SharedArrayBuffer(4 * PROGRESS_INTS) : undefined;
      const { description } = await api.init({
        device: options.device,
        progress,
        helpers: options.helpers,
        split: options.split,
        wasm: options.wasm,
      });
      const crew = new Crew(engine, api, progress ? new Int32Array(progress) : undefined, description);
      engine.onDeath((cause) => crew.ended || options.onEngineDeath(crew, cause));
      return crew;
    } catch (error) {
      await engine.dispose();
      throw error;
    }
  }

  /** The crew's workers the pool started: the engine (its helpers are the engine's own threads). */
  workers(): WorkerHandle[] {
    return [this.engine];
  }

  async end(): Promise<void> {
    this.ended = true;
    await Promise.all(this.workers().map((worker) => worker.dispose()));
  }
}

/** `promise`, or a rejection saying `what` after `ms` milliseconds. */
export function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  if (!(ms > 0)) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { transfer, wrap, type Remote } from 'comlink';
import { Slot, controlInts, createControlBlock } from '../parallel/control-block.js';
import { PROGRESS_INTS, type EngineApi, type EngineDevice, type HelperApi, type HelperAttachment } from '../protocol.js';
import type { WorkerHandle } from '../platform/worker-handle.js';
import { startEngineWorker, startHelperWorker } from '../worker-entries.js';

export interface CrewOptions {
  /** Helpers to start next to the engine (0 without shared memory). */
  helpers: number;
  shared: boolean;
  splitMinFlops: number;
  helperTimeoutMs: number;
  wasm: boolean;
  device: EngineDevice;
  startTimeoutMs: number;
  /** Heard when the engine dies on its own; helpers that die are replaced inside the crew. */
  onEngineDeath(crew: Crew, cause: Error): void;
}

/**
 * One engine worker and its helpers: what the pool replaces as a whole when the engine dies. The
 * engine's progress record outlives the engine, so the pool can say which op was in flight.
 */
export class Crew {
  private readonly helperHandles: (WorkerHandle | undefined)[] = [];
  private ended = false;

  private constructor(
    readonly engine: WorkerHandle,
    readonly api: Remote<EngineApi>,
    readonly progress: Int32Array | undefined,
    /** What the engine's backend runs on, as it says. */
    readonly description: string | undefined,
    private readonly options: CrewOptions,
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
        splitMinFlops: options.splitMinFlops,
        helperTimeoutMs: options.helperTimeoutMs,
        wasm: options.wasm,
      });
      const crew = new Crew(engine, api, progress ? new Int32Array(progress) : undefined, description, options);
      engine.onDeath((cause) => crew.ended || options.onEngineDeath(crew, cause));
      await Promise.all(Array.from({ length: options.helpers }, (_, slot) => crew.startHelper(slot)));
      return crew;
    } catch (error) {
      await engine.dispose();
      throw error;
    }
  }

  /** Every worker of the crew: the engine first, then the helpers. */
  workers(): WorkerHandle[] {
    return [this.engine, ...this.helperHandles.filter((h): h is WorkerHandle => !!h)];
  }

  async end(): Promise<void> {
    this.ended = true;
    await Promise.all(this.workers().map((worker) => worker.dispose()));
  }

  /** Starts helper `slot` and connects it to the engine through a fresh control block and port. */
  private async startHelper(slot: number): Promise<void> {
    const helper = await startHelperWorker(slot + 1);
    this.helperHandles[slot] = helper;
    const control = createControlBlock();
    helper.onDeath(() => {
      // Wake the engine if it waits for this helper: it will compute the block itself.
      const ints = controlInts(control);
      Atomics.store(ints, Slot.alive, 0);
      Atomics.notify(ints, Slot.done);
      if (!this.ended) void this.startHelper(slot).catch(() => undefined);
    });
    if (this.ended) return helper.dispose();
    await deadline(helper.ready, this.options.startTimeoutMs, `helper ${slot + 1} did not start`);
    const channel = new MessageChannel();
    const toHelper: HelperAttachment = { slot, control, port: channel.port2 };
    await wrap<HelperApi>(helper.endpoint).attach(transfer(toHelper, [channel.port2]));
    const toEngine: HelperAttachment = { slot, control, port: channel.port1 };
    await this.api.attachHelper(transfer(toEngine, [channel.port1]));
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

import type { WasmHeap, WasmHeapRegion } from '../wasm/wasm-heap.js';
import type { FusedKernelRegistration, KernelTask } from './kernel-task.js';

/** Threads that share the work of one big launch with the thread running the backend. */
export interface IntraOpTeam {
  /** Threads a split may use: the backend's own plus the helpers that can take a share now. */
  threads(): number;
  /**
   * Computes every task — here through `local`, and on the helpers — and returns when all are
   * done. Threads claim tasks one at a time, so a thread that gets less CPU simply does fewer.
   */
  run(tasks: readonly KernelTask[], local: (task: KernelTask) => void): void;
  /** Hands a generated kernel (a fused elementwise module) to every helper, present and future. */
  register(kernel: FusedKernelRegistration): void;
}

/** Makes a team for the backend's heap, once the heap exists (helpers run kernels on its memory). */
export type IntraOpTeamFactory = (heap: WasmHeap) => IntraOpTeam;

/** Makes a HeapHelperTeam for the backend's heap (what `nodeHeapHelpers` / `browserHeapHelpers` give). */
export type HeapHelperTeamFactory = (heap: WasmHeap) => HeapHelperTeam;

/** A fault a test arms in the next split launch's first task, which a helper is made to take. */
export type HelperFault = 'exit' | 'throw';

/** What a heap helper thread receives: its setup once, kernels as they appear, then launches. */
export type HeapHelperMessage =
  | { kind: 'init'; memory: WebAssembly.Memory; region: WasmHeapRegion; flags: SharedArrayBuffer; slot: number }
  | { kind: 'kernel'; kernel: FusedKernelRegistration }
  /** One launch: claim and run tasks; `reserved` is a task kept for this helper (fault tests). */
  | { kind: 'tasks'; tag: number; tasks: readonly KernelTask[]; reserved?: { task: number; fault: HelperFault } };

/** A helper thread as the team sees it: a Node `Worker` or a browser `Worker`, wrapped. */
export interface HelperEndpoint {
  postMessage(message: HeapHelperMessage): void;
  /** Stops the thread (one that failed or stopped answering). */
  terminate(): void;
  /** Heard if the thread dies on its own (uncaught error, exit); optional for in-thread doubles. */
  onDeath?(listener: (cause: string) => void): void;
}

/** Starts helper `slot` (again, after a failure). */
export type SpawnHelper = (slot: number) => HelperEndpoint;

/** The most tasks one launch may have (the per-task words of the shared flags). */
export const maxTasks = 256;
const maxHelpers = 64;

/**
 * The shared flags of a team. The claim word holds the launch's tag (its sequence number, 15
 * bits) above the index of its next unclaimed task, so a helper that wakes after its launch has
 * finished cannot claim a task of the next one: the tag no longer matches. Per task: whether it
 * is done (1) or failed (2); per helper: the tag of the launch it is working on (0 when idle), and
 * of the last launch in which one of its tasks failed.
 */
export const Flag = { claim: 0, completed: 1, failed: 2, done: 4, busy: 4 + maxTasks, faulty: 4 + maxTasks + maxHelpers } as const;
export const flagCount = 4 + maxTasks + 2 * maxHelpers;

/** Claims the next task of launch `tag`, or −1 when none is left (or the launch is over). */
function claim(flags: Int32Array, tag: number, count: number): number {
  for (;;) {
    const word = Atomics.load(flags, Flag.claim);
    const index = word & 0xffff;
    if (word >>> 16 !== tag || index >= count) return -1;
    if (Atomics.compareExchange(flags, Flag.claim, word, word + 1) === word) return index;
  }
}

/** Who runs tasks: the backend's thread (no slot) or helper `slot`, during launch `tag`. */
export interface Runner {
  tag: number;
  slot?: number;
}

/** Runs task `index`, recording it done or failed (a failure is recorded, not thrown). */
export function runTask(flags: Int32Array, index: number, task: KernelTask, run: (task: KernelTask) => void, who: Runner): void {
  let ok = true;
  try {
    run(task);
  } catch {
    ok = false;
    if (who.slot !== undefined) Atomics.store(flags, Flag.faulty + who.slot, who.tag);
    Atomics.add(flags, Flag.failed, 1);
  }
  Atomics.store(flags, Flag.done + index, ok ? 1 : 2);
  Atomics.add(flags, Flag.completed, 1);
  Atomics.notify(flags, Flag.completed);
}

/** Claims and runs tasks of launch `tag` until none is left, counting each finished (or failed) one. */
export function drainTasks(flags: Int32Array, who: Runner, tasks: readonly KernelTask[], run: (task: KernelTask) => void): void {
  const { tag } = who;
  for (let i = claim(flags, tag, tasks.length); i >= 0; i = claim(flags, tag, tasks.length)) runTask(flags, i, tasks[i], run, who);
}

export interface HeapHelperTeamOptions {
  /** Scratch each helper carves from the heap for its kernels' packing and col buffers. */
  scratchBytes?: number;
  /**
   * How long the backend waits, without any task finishing, for shares a helper has claimed
   * before it declares that helper dead (or hung), replaces it and computes those shares itself.
   */
  stallMs?: number;
  /** Helpers replaced more often than this stop being used (the launch runs on one thread). */
  maxReplacements?: number;
  /** Run launches on one thread for a while when helpers keep this thread waiting (default true; see `pace`). */
  backOff?: boolean;
}

/** What a team did, for statistics and fault reports. */
export interface TeamStats {
  /** Launches run across more than one thread. */
  splitLaunches: number;
  /** Shares of those launches that helpers computed (the rest ran on the backend's thread). */
  helperShares: number;
  /** Helpers that can take shares now. */
  liveHelpers: number;
  /** Helpers replaced after dying, failing or hanging. */
  replacements: number;
}

/**
 * Helpers that run the WASM kernels on the backend's own shared heap, so a split launch copies
 * nothing: each helper gets the heap's memory and a scratch region once, then one posted message
 * per launch (heap offsets and ranges). Every thread, this one included, claims tasks from a
 * shared counter until none is left; this thread then waits (Atomics.wait) only until every
 * claimed task has completed, never for a helper that claimed nothing, so a helper that gets no
 * CPU costs nothing.
 *
 * Faults: if a helper's task fails, or no claimed task finishes within `stallMs`, the helpers
 * working on the launch are terminated and started again, and the shares they did not finish are
 * computed here (each writes only its own outputs). A share that overwrites its own input
 * (`inPlace`) cannot be recomputed after a partial write: the launch then throws, saying so.
 */
export class HeapHelperTeam implements IntraOpTeam {
  private readonly flags: Int32Array;
  private readonly shared: SharedArrayBuffer;
  private readonly helpers: (HelperEndpoint | undefined)[];
  private readonly regions: WasmHeapRegion[];
  private readonly kernels: FusedKernelRegistration[] = [];
  private readonly stallMs: number;
  private readonly maxReplacements: number;
  private readonly backOff: boolean;
  private readonly dead = new Map<number, string>();
  private readonly faultLog: string[] = [];
  private fault: HelperFault | undefined;
  private usable: boolean;
  private tag = 0;
  /** Launches left to run on one thread after helpers kept this thread waiting (see `run`). */
  private backoff = 0;
  private strikes = 0;
  private readonly counts = { splitLaunches: 0, helperShares: 0, replacements: 0 };

  constructor(
    private readonly heap: WasmHeap,
    private readonly spawn: SpawnHelper,
    count: number,
    { scratchBytes = 32 << 20, stallMs = 2_000, maxReplacements = 16, backOff = true }: HeapHelperTeamOptions = {},
  ) {
    this.backOff = backOff;
    if (count > maxHelpers) throw new RangeError(`HeapHelperTeam: at most ${maxHelpers} helpers, not ${count}`);
    this.stallMs = stallMs;
    this.maxReplacements = maxReplacements;
    this.shared = new SharedArrayBuffer(4 * flagCount);
    this.flags = new Int32Array(this.shared);
    this.usable = count > 0;
    this.regions = Array.from({ length: count }, () => heap.carveRegion(scratchBytes));
    this.helpers = this.regions.map((_, slot) => this.tryStart(slot, `helper ${slot + 1}`));
  }

  /**
   * Threads the next launch may be cut for — 1 while backing off: asked once per launch that is
   * big enough to split, so a backoff of n keeps the next n such launches on this thread.
   */
  threads(): number {
    if (!this.usable) return 1;
    if (this.backoff > 0) {
      this.backoff--;
      return 1;
    }
    return 1 + this.live();
  }

  /** Helpers running now (one that could not start, e.g. without nested workers, is not). */
  private live(): number {
    return this.helpers.reduce((n, helper) => (helper ? n + 1 : n), 0);
  }

  stats(): TeamStats {
    return { ...this.counts, liveHelpers: this.usable ? this.live() - this.dead.size : 0 };
  }

  /** Fault reports since the last call (helpers replaced, and why). */
  takeFaults(): string[] {
    return this.faultLog.splice(0);
  }

  /** Test hook: the next split launch reserves its first task for helper 0, which then fails so. */
  armFault(fault: HelperFault): void {
    this.fault = fault;
  }

  register(kernel: FusedKernelRegistration): void {
    this.kernels.push(kernel);
    for (const helper of this.helpers) helper?.postMessage({ kind: 'kernel', kernel });
  }

  run(tasks: readonly KernelTask[], local: (task: KernelTask) => void): void {
    if (tasks.length > maxTasks) throw new RangeError(`a split launch has at most ${maxTasks} tasks`);
    this.replaceDead();
    const { flags } = this;
    const count = tasks.length;
    this.tag = (this.tag % 0x7fff) + 1; // 1 … 32767; 0 marks no launch
    const { tag } = this;
    Atomics.store(flags, Flag.completed, 0);
    Atomics.store(flags, Flag.failed, 0);
    flags.fill(0, Flag.done, Flag.done + count);
    const fault = this.fault;
    this.fault = undefined;
    Atomics.store(flags, Flag.claim, (tag << 16) | (fault ? 1 : 0));
    this.helpers.forEach((helper, slot) =>
      helper?.postMessage({ kind: 'tasks', tag, tasks, reserved: fault && slot === 0 ? { task: 0, fault } : undefined }),
    );
    this.counts.splitLaunches++;
    const started = performance.now();
    let failedHere: unknown;
    let here = 0;
    drainTasks(flags, { tag }, tasks, (task) => {
      here++;
      try {
        local(task);
      } catch (error) {
        failedHere ??= error;
        throw error;
      }
    });
    if (failedHere !== undefined) {
      // This thread's own kernel error is the launch's; helpers may still be finishing theirs.
      this.waitForHelpers(count);
      throw failedHere;
    }
    const drained = performance.now();
    if (this.waitForHelpers(count) && Atomics.load(flags, Flag.failed) === 0) {
      this.counts.helperShares += count - here;
      this.pace(drained - started, performance.now() - drained);
      return;
    }
    this.counts.helperShares += count - here - this.recover(tasks, local);
  }

  /**
   * Backs off when helpers are not getting CPU: a helper that claims a share and is then
   * descheduled (other processes hold the cores) keeps this thread waiting for longer than it
   * spent computing. Then the next launches run here alone — 2, 4, … up to 256 of them per
   * repeated strike — before helpers are tried again; a launch without a long wait clears it.
   */
  private pace(workedMs: number, waitedMs: number): void {
    if (!this.backOff) return;
    if (waitedMs > 0.5 && waitedMs > 2 * workedMs) {
      this.strikes = Math.min(this.strikes + 1, 8);
      this.backoff = 1 << this.strikes;
    } else this.strikes = Math.max(0, this.strikes - 1);
  }

  /** Waits until `count` tasks have completed; false if none completes for `stallMs`. */
  private waitForHelpers(count: number): boolean {
    let done = Atomics.load(this.flags, Flag.completed);
    let deadline = performance.now() + this.stallMs;
    while (done < count) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.flags, Flag.completed, done, left);
      const now = Atomics.load(this.flags, Flag.completed);
      if (now !== done) deadline = performance.now() + this.stallMs;
      done = now;
    }
    return true;
  }

  /**
   * A helper failed a share or stopped answering: end this launch's claims, replace the helpers
   * still on it (or that failed), and compute every share not done here.
   */
  private recover(tasks: readonly KernelTask[], local: (task: KernelTask) => void): number {
    const { flags, tag } = this;
    Atomics.store(flags, Flag.claim, 0);
    const what = `a split ${tasks[0].op} launch`;
    this.helpers.forEach((_, slot) => {
      const faulty = Atomics.load(flags, Flag.faulty + slot) === tag;
      if (!faulty && Atomics.load(flags, Flag.busy + slot) !== tag) return;
      const why = faulty
        ? `helper ${slot + 1} failed a share of ${what}`
        : `helper ${slot + 1} finished no share of ${what} for ${this.stallMs} ms (it died or hangs)`;
      this.replace(slot, why);
    });
    const undone = tasks.filter((_, i) => Atomics.load(flags, Flag.done + i) !== 1);
    const unsafe = undone.find((task) => task.inPlace);
    if (unsafe)
      throw new Error(
        `a helper thread failed during this ${unsafe.op} launch, and its share overwrites its own input, ` +
          'so it cannot be recomputed; the helper was replaced',
      );
    for (const task of undone) local(task);
    return undone.length;
  }

  /** Starts helper `slot` on its scratch region, with every kernel registered so far. */
  private start(slot: number): HelperEndpoint {
    const helper = this.spawn(slot);
    helper.onDeath?.((cause) => {
      if (this.helpers[slot] === helper) this.dead.set(slot, cause);
    });
    helper.postMessage({ kind: 'init', memory: this.heap.memory, region: this.regions[slot], flags: this.shared, slot });
    for (const kernel of this.kernels) helper.postMessage({ kind: 'kernel', kernel });
    return helper;
  }

  /** Replaces helpers that died between launches (heard through their death events). */
  private replaceDead(): void {
    for (const [slot, cause] of [...this.dead]) this.replace(slot, `helper ${slot + 1} died (${cause})`);
  }

  /**
   * Terminates helper `slot` and starts a new one on the same scratch region (a terminated thread
   * writes nothing after it stops; a new region each time would leak the old one).
   */
  private replace(slot: number, why: string): void {
    this.dead.delete(slot);
    Atomics.store(this.flags, Flag.busy + slot, 0);
    Atomics.store(this.flags, Flag.faulty + slot, 0);
    try {
      this.helpers[slot]?.terminate();
    } catch {
      // already gone
    }
    this.helpers[slot] = undefined;
    this.counts.replacements++;
    if (this.counts.replacements > this.maxReplacements) {
      this.usable = false;
      this.faultLog.push(`${why}; helpers failed ${this.counts.replacements} times, so launches now run on one thread`);
      return;
    }
    this.helpers[slot] = this.tryStart(slot, why);
    if (this.helpers[slot]) this.faultLog.push(`${why}; a new helper was started`);
  }

  /** Starts helper `slot`, or records why it could not start (then launches use fewer threads). */
  private tryStart(slot: number, what: string): HelperEndpoint | undefined {
    try {
      return this.start(slot);
    } catch (error) {
      this.faultLog.push(`${what}: starting a helper thread failed (${error instanceof Error ? error.message : String(error)})`);
      return undefined;
    }
  }
}

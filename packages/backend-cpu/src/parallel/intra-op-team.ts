import type { WasmHeap, WasmHeapRegion } from '../wasm/wasm-heap.js';
import type { KernelTask } from './kernel-task.js';

/** Threads that share the work of one big launch with the thread running the backend. */
export interface IntraOpTeam {
  /** Threads a split may use: the backend's own plus the helpers that can take a share now. */
  threads(): number;
  /**
   * Computes every task — here through `local`, and on the helpers — and returns when all are
   * done. Threads claim tasks one at a time, so a thread that gets less CPU simply does fewer.
   */
  run(tasks: readonly KernelTask[], local: (task: KernelTask) => void): void;
}

/** Makes a team for the backend's heap, once the heap exists (helpers run kernels on its memory). */
export type IntraOpTeamFactory = (heap: WasmHeap) => IntraOpTeam;

/** What a heap helper thread receives: its setup once, then the tasks of one launch per message. */
export type HeapHelperMessage =
  | { kind: 'init'; memory: WebAssembly.Memory; region: WasmHeapRegion; flags: SharedArrayBuffer; slot: number }
  | { kind: 'tasks'; tag: number; tasks: readonly KernelTask[] };

/** A helper thread as the team sees it: a Node `Worker` or a browser `Worker`. */
export interface HelperEndpoint {
  postMessage(message: HeapHelperMessage): void;
}

/**
 * The shared flags of a team. The claim word holds the launch's tag (its sequence number, 15
 * bits) above the index of its next unclaimed task, so a helper that wakes after its launch has
 * finished cannot claim a task of the next one: the tag no longer matches.
 */
export const Flag = { claim: 0, completed: 1, failed: 2 } as const;
export const flagCount = 3;

/** Claims the next task of launch `tag`, or −1 when none is left (or the launch is over). */
function claim(flags: Int32Array, tag: number, count: number): number {
  for (;;) {
    const word = Atomics.load(flags, Flag.claim);
    const index = word & 0xffff;
    if (word >>> 16 !== tag || index >= count) return -1;
    if (Atomics.compareExchange(flags, Flag.claim, word, word + 1) === word) return index;
  }
}

/**
 * Claims and runs tasks of launch `tag` until none is left, counting each finished one (and
 * each failed one: a failure is recorded, not thrown, so the launch's owner stops waiting).
 */
export function drainTasks(flags: Int32Array, tag: number, tasks: readonly KernelTask[], run: (task: KernelTask) => void): void {
  for (let i = claim(flags, tag, tasks.length); i >= 0; i = claim(flags, tag, tasks.length)) {
    try {
      run(tasks[i]);
    } catch {
      Atomics.add(flags, Flag.failed, 1);
    }
    Atomics.add(flags, Flag.completed, 1);
    Atomics.notify(flags, Flag.completed);
  }
}

export interface HeapHelperTeamOptions {
  /** Scratch each helper carves from the heap for its kernels' packing and col buffers. */
  scratchBytes?: number;
  /** A helper that has not finished by then is dropped and the launch recomputed here. */
  deadlineMs?: number;
}

/**
 * Helpers that run the WASM kernels on the backend's own shared heap, so a split launch copies
 * nothing: each helper gets the heap's memory and a scratch region once, then one posted message
 * per launch (heap offsets and ranges). Every thread, this one included, claims tasks from a
 * shared counter until none is left; this thread then waits (Atomics.wait) only until every
 * claimed task has completed, never for a helper that claimed nothing, so a helper that gets no
 * CPU costs nothing. If a helper's task fails or the deadline passes, the helpers are dropped and
 * the whole launch recomputed here (every task writes only its own outputs), so a split always
 * gives the unsplit kernel's values.
 */
export class HeapHelperTeam implements IntraOpTeam {
  private readonly flags: Int32Array;
  private usable: boolean;
  private readonly deadlineMs: number;
  private tag = 0;

  constructor(
    heap: WasmHeap,
    private readonly helpers: readonly HelperEndpoint[],
    { scratchBytes = 32 << 20, deadlineMs = 30_000 }: HeapHelperTeamOptions = {},
  ) {
    this.deadlineMs = deadlineMs;
    const shared = new SharedArrayBuffer(4 * flagCount);
    this.flags = new Int32Array(shared);
    this.usable = helpers.length > 0;
    helpers.forEach((helper, slot) =>
      helper.postMessage({ kind: 'init', memory: heap.memory, region: heap.carveRegion(scratchBytes), flags: shared, slot }),
    );
  }

  threads(): number {
    return this.usable ? 1 + this.helpers.length : 1;
  }

  run(tasks: readonly KernelTask[], local: (task: KernelTask) => void): void {
    const { flags } = this;
    this.tag = (this.tag % 0x7fff) + 1; // 1 … 32767; 0 marks no launch
    Atomics.store(flags, Flag.completed, 0);
    Atomics.store(flags, Flag.failed, 0);
    Atomics.store(flags, Flag.claim, this.tag << 16);
    for (const helper of this.helpers) helper.postMessage({ kind: 'tasks', tag: this.tag, tasks });
    let failedHere: unknown;
    drainTasks(flags, this.tag, tasks, (task) => {
      try {
        local(task);
      } catch (error) {
        failedHere ??= error;
        throw error;
      }
    });
    if (failedHere !== undefined) throw failedHere; // this thread's own kernel error is the launch's
    if (!this.allCompleted(tasks.length) || Atomics.load(flags, Flag.failed) > 0) {
      // A helper failed or hangs: stop using helpers, and compute the launch here.
      this.usable = false;
      Atomics.store(flags, Flag.claim, 0);
      for (const task of tasks) local(task);
    }
  }

  /** Waits until `count` tasks have completed; false if the deadline passes first. */
  private allCompleted(count: number): boolean {
    const deadline = performance.now() + this.deadlineMs;
    for (;;) {
      const done = Atomics.load(this.flags, Flag.completed);
      if (done >= count) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.flags, Flag.completed, done, left);
    }
  }
}

/**
 * The wire format between the main thread and the engine worker. Control travels as Comlink calls
 * on the interface below (the caller holds a `Remote<EngineApi>`); big arrays move with
 * `Comlink.transfer`. Intra-op work never crosses this boundary: the engine's CpuBackend shares
 * big launches with its own helper threads over its shared heap (@loom/backend-cpu's
 * `HeapHelperMessage`).
 */
import type { BufferId, DType, Program, ReplayableProgram, TypedArray } from '@loom/graph';

/** Buffer commands that need no answer; they ride along with the next run or read. */
export type EngineCommand =
  | { kind: 'write'; id: BufferId; dtype: DType; data: TypedArray }
  | { kind: 'free'; id: BufferId }
  /** Keeps a compiled program under `id` for later `replay` calls (sent once per engine). */
  | { kind: 'prepare'; id: number; program: ReplayableProgram }
  /** Forgets a prepared program (its compiled function was garbage-collected). */
  | { kind: 'release'; id: number };

export interface RunRequest {
  /** Names the program in errors and in the progress record. */
  programId: number;
  /** Applied in order before the program runs. */
  commands: readonly EngineCommand[];
  program: Program;
}

/** Runs a prepared program with its parameters and results bound to the caller's buffers. */
export interface ReplayRequest {
  programId: number;
  commands: readonly EngineCommand[];
  prepared: number;
  params: readonly BufferId[];
  results: readonly BufferId[];
}

export interface ReadRequest {
  commands: readonly EngineCommand[];
  id: BufferId;
}

/** What the engine did with a program, for statistics and tests. */
export interface RunReport {
  steps: number;
  /** Launches that were split across the engine and its helpers. */
  splitLaunches: number;
  /** Shares of those launches that helper threads computed. */
  helperShares: number;
  /** Helpers that died, failed or hung during the program and were replaced, and why. */
  helperFaults: string[];
}

/**
 * Where the engine is, written before every step into shared memory the main thread can read
 * after the worker died: `[programId, stepIndex]` (programId 0 when idle).
 */
export const PROGRESS_INTS = 2;

/** What the engine computes on: the CPU (WASM SIMD) or the GPU (WebGPU, browsers only). */
export type EngineDevice = 'cpu' | 'webgpu';

export interface EngineInit {
  device: EngineDevice;
  /** Int32Array(PROGRESS_INTS) on a SharedArrayBuffer, or undefined without shared memory. */
  progress: SharedArrayBuffer | undefined;
  /** Helper threads the engine's CpuBackend starts (ignored without shared memory or on a GPU). */
  helpers: number;
  split: SplitOptions;
  /** Whether the engine's CPU backend runs WASM SIMD kernels (false: the reference kernels only). */
  wasm: boolean;
}

/** When the engine's CpuBackend shares a launch with its helpers; undefined means its measured default. */
export interface SplitOptions {
  /** matmul / conv2d launches with fewer floating-point operations stay on one thread. */
  minFlops?: number;
  /** Fused elementwise launches with fewer output elements stay on one thread. */
  minElements?: number;
  /** Reductions over fewer input elements stay on one thread. */
  minReduceElements?: number;
  /** How long the engine waits without progress for shares a helper claimed, before replacing it, in ms. */
  helperStallMs?: number;
  /** Whether launches run on the engine alone for a while after helpers kept it waiting (default true). */
  helperBackOff?: boolean;
}

/** The engine's answer to `init`: what its backend runs on (e.g. the GPU adapter). */
export interface EngineReady {
  description: string | undefined;
}

/**
 * Faults a test can arm so crashes happen at a known op instead of at a random moment. `uncaught`
 * throws on the worker's event loop (the worker dies with an error); `exit` ends the worker
 * silently; `hang` never answers (a timeout must catch it). `helper-exit` / `helper-throw` make
 * a helper take the first share of the next split launch (from that op on) and exit, or fail
 * it. `atLabel: '*'` fires at the next step.
 */
export type EngineFault =
  | { kind: 'uncaught'; atLabel: string }
  | { kind: 'exit'; atLabel: string }
  | { kind: 'hang'; atLabel: string }
  | { kind: 'helper-exit'; atLabel: string }
  | { kind: 'helper-throw'; atLabel: string }
  /** The engine's GPU device is destroyed before that op, as a driver reset would. */
  | { kind: 'device-lost'; atLabel: string };

export interface EngineStats {
  liveHelpers: number;
  programs: number;
  /** Launches split across the engine and its helpers so far. */
  splitLaunches: number;
  /** Shares of those launches that helper threads computed. */
  helperShares: number;
  /** Helpers replaced after dying, failing or hanging. */
  helperReplacements: number;
}

/** The engine worker's API. Calls are applied strictly in arrival order. */
export interface EngineApi {
  /** Starts the backend; rejects, saying why, when the device cannot start (no WebGPU adapter). */
  init(init: EngineInit): Promise<EngineReady>;
  /** Applies writes and frees. Errors are kept and thrown by the next run or read. */
  submit(commands: readonly EngineCommand[]): void;
  run(request: RunRequest): Promise<RunReport>;
  replay(request: ReplayRequest): Promise<RunReport>;
  /** The buffer's contents, transferred (the engine keeps its own copy). */
  read(request: ReadRequest): Promise<TypedArray>;
  stats(): EngineStats;
  /** Test hook: see `EngineFault`. */
  armFault(fault: EngineFault): void;
}

/** Posted once by a worker entry when its API is exposed; the pool waits for it before calling. */
export interface WorkerReady {
  kind: 'loom-worker-ready';
}

export function isWorkerReady(data: unknown): data is WorkerReady {
  return typeof data === 'object' && data !== null && 'kind' in data && data.kind === 'loom-worker-ready';
}

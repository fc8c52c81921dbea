/**
 * The wire format between the main thread, the engine worker and its helpers. Control travels as
 * Comlink calls on the interfaces below (the caller holds a `Remote<EngineApi>`); big arrays move
 * with `Comlink.transfer`; intra-op work travels through shared memory (see `parallel/`).
 */
import type { BufferId, DType, Program, ReplayableProgram, TypedArray } from '@loom/graph';
import type { Role } from './parallel/scratch.js';

/** Buffer commands that need no answer; they ride along with the next run or read. */
export type EngineCommand =
  | { kind: 'write'; id: BufferId; dtype: DType; data: TypedArray }
  | { kind: 'free'; id: BufferId }
  /** Keeps a compiled program under `id` for later `replay` calls (sent once per engine). */
  | { kind: 'prepare'; id: number; program: ReplayableProgram };

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
  /** Launches below this many floating-point operations run on the engine alone. */
  splitMinFlops: number;
  /** How long the engine waits for a helper's block before doing it itself, in ms. */
  helperTimeoutMs: number;
  /** Whether the engine's CPU backend runs WASM SIMD kernels (false: the reference kernels only). */
  wasm: boolean;
}

/** The engine's answer to `init`: what its backend runs on (e.g. the GPU adapter). */
export interface EngineReady {
  description: string | undefined;
}

/**
 * Faults a test can arm so crashes happen at a known op instead of at a random moment. `uncaught`
 * throws on the worker's event loop (the worker dies with an error); `exit` ends the worker
 * silently; `hang` never answers (a timeout must catch it). `helper-exit` makes the helper that
 * gets the next split block of that launch exit mid-block. `atLabel: '*'` fires at the next step.
 */
export type EngineFault =
  | { kind: 'uncaught'; atLabel: string }
  | { kind: 'exit'; atLabel: string }
  | { kind: 'hang'; atLabel: string }
  | { kind: 'helper-exit'; atLabel: string }
  /** The engine's GPU device is destroyed before that op, as a driver reset would. */
  | { kind: 'device-lost'; atLabel: string };

export interface HelperAttachment {
  /** Index of the helper in the engine's team. */
  slot: number;
  /** The helper's control block (see `parallel/control-block.ts`). */
  control: SharedArrayBuffer;
  /** A port whose other end the helper holds: the engine sends scratch registrations on it. */
  port: MessagePort;
}

export interface EngineStats {
  liveHelpers: number;
  programs: number;
  splitLaunches: number;
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
  attachHelper(attachment: HelperAttachment): void;
  stats(): EngineStats;
  /** Test hook: see `EngineFault`. */
  armFault(fault: EngineFault): void;
}

/** A helper worker's API, called by the main thread once per (re)start of its engine. */
export interface HelperApi {
  attach(attachment: HelperAttachment): void;
}

/** Engine → helper messages on the attachment port. */
export type HelperMessage = {
  kind: 'scratch';
  /** Which shared array this is (see `parallel/scratch.ts`). */
  role: Role;
  /** Increases each time the role's array is replaced by a bigger one. */
  generation: number;
  buffer: SharedArrayBuffer;
};

/** Posted once by a worker entry when its API is exposed; the pool waits for it before calling. */
export interface WorkerReady {
  kind: 'loom-worker-ready';
}

export function isWorkerReady(data: unknown): data is WorkerReady {
  return typeof data === 'object' && data !== null && 'kind' in data && data.kind === 'loom-worker-ready';
}

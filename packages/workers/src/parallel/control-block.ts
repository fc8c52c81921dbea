import { TASK_INTS } from './task-codec.js';

/**
 * The shared memory one helper and the engine talk through. The engine writes a task and bumps
 * SEQ; the helper (waiting on SEQ) runs it, writes STATUS and sets DONE = SEQ; the engine waits on
 * DONE. The main thread clears ALIVE (and wakes the engine) when the helper's worker dies.
 */
export const Slot = {
  seq: 0,
  done: 1,
  status: 2,
  alive: 3,
  /** Non-zero: the helper must exit mid-block (a test fault). */
  fault: 4,
  /** Scratch generations the task needs (one per role), so a helper knows its arrays are current. */
  generations: 5,
  task: 8,
  errorLength: 8 + TASK_INTS,
} as const;

export const Status = { ok: 0, failed: 1 } as const;

const INTS = Slot.errorLength + 1;
const ERROR_BYTES = 1024;
const ERROR_AT = INTS * 4;

export function createControlBlock(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(ERROR_AT + ERROR_BYTES);
  Atomics.store(new Int32Array(buffer, 0, INTS), Slot.alive, 1);
  return buffer;
}

export function controlInts(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, INTS);
}

/** Stores an error message (truncated to the block's space) for the engine to read. */
export function writeError(buffer: SharedArrayBuffer, message: string): void {
  const bytes = new TextEncoder().encode(message).slice(0, ERROR_BYTES);
  new Uint8Array(buffer, ERROR_AT, ERROR_BYTES).set(bytes);
  controlInts(buffer)[Slot.errorLength] = bytes.length;
}

export function readError(buffer: SharedArrayBuffer): string {
  const length = controlInts(buffer)[Slot.errorLength];
  // TextDecoder refuses views of shared memory: copy out first.
  return new TextDecoder().decode(new Uint8Array(buffer, ERROR_AT, length).slice());
}

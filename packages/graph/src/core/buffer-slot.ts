import { isBackendLostError } from '../backend/backend-lost-error.js';
import type { Backend, BufferId } from '../backend/backend.js';
import { bytesPerElement, type DType } from '../dtype.js';
import { sizeOf, type Shape } from '../shape.js';

/**
 * The backend buffer holding a realized value. Tensors that hold the same value (an assigned
 * parameter and the update it came from) share one slot; the buffer is freed when the last of them
 * is disposed or garbage-collected.
 */
export class BufferSlot {
  holders = 0;
  constructor(
    readonly id: BufferId,
    readonly backend: Backend,
    readonly bytes: number,
  ) {}
}

export interface MemoryReport {
  /** Buffers alive on the backends right now. */
  liveBuffers: number;
  liveBytes: number;
  /** The most bytes alive at once since start (or since `resetPeakMemory`). */
  peakBytes: number;
}

export interface RealizeStats {
  kernels: number;
  buffersAllocated: number;
}

let nextBufferId = 1;
let liveBuffers = 0;
let liveBytes = 0;
let peakBytes = 0;
const totals: RealizeStats = { kernels: 0, buffersAllocated: 0 };
let lastRealize: RealizeStats = { kernels: 0, buffersAllocated: 0 };

export function newBufferId(): BufferId {
  return nextBufferId++;
}

export function byteSize(shape: Shape, dtype: DType): number {
  return sizeOf(shape) * bytesPerElement(dtype);
}

/** Book-keeping for every buffer created on a backend, whether kept or freed within a program. */
export function noteAllocated(bytes: number): void {
  liveBuffers++;
  liveBytes += bytes;
  peakBytes = Math.max(peakBytes, liveBytes);
}

export function noteFreed(bytes: number): void {
  liveBuffers--;
  liveBytes -= bytes;
}

export function noteRealize(stats: RealizeStats): void {
  lastRealize = stats;
  totals.kernels += stats.kernels;
  totals.buffersAllocated += stats.buffersAllocated;
}

export function memory(): MemoryReport {
  return { liveBuffers, liveBytes, peakBytes };
}

export function resetPeakMemory(): void {
  peakBytes = liveBytes;
}

/** Kernels launched and buffers allocated by the last realize, and in total. */
export function realizeStats(): { last: RealizeStats; total: RealizeStats } {
  return { last: { ...lastRealize }, total: { ...totals } };
}

export function releaseSlot(slot: BufferSlot): void {
  if (--slot.holders > 0) return;
  noteFreed(slot.bytes);
  try {
    slot.backend.free(slot.id);
  } catch (error) {
    // A lost backend took its buffers with it; anything else is a real fault.
    if (!isBackendLostError(error)) throw error;
  }
}

/** Frees a slot's buffer once every tensor holding it is unreachable, so users never call tidy(). */
export const slotFinalizer = new FinalizationRegistry<BufferSlot>(releaseSlot);

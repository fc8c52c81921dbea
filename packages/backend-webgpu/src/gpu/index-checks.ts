import type { IndexCheck } from '../codegen/dispatch.js';

/** Launches remembered at once; the oldest are forgotten past this (their errors lose the label). */
const MAX_PENDING = 4096;

/**
 * The status buffer kernels report out-of-range indices into, and what each reporting launch was.
 * Kernels cannot throw: a failing gather stores its launch's tag and the index, and the backend
 * turns that into the CPU backend's error at the next read, which copies the status back with the
 * data it reads.
 */
export class IndexChecks {
  readonly buffer: GPUBuffer;
  private readonly pending = new Map<number, { label: string; check: IndexCheck }>();
  private nextTag = 1;

  constructor(private readonly device: GPUDevice) {
    this.buffer = device.createBuffer({
      size: 16,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      label: 'loom index status',
    });
  }

  /** A tag for one launch of a checking kernel. */
  tag(label: string, check: IndexCheck): number {
    const tag = this.nextTag;
    this.nextTag = this.nextTag >= 0x7fffffff ? 1 : this.nextTag + 1;
    this.pending.set(tag, { label, check });
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    return tag;
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Settles every launch recorded before the status words `[tag, index]` were copied: throws the
   * error of the one that failed, if any, and clears the status for later launches.
   */
  settle(words: Uint32Array): void {
    const [tag, bits] = words;
    const launch = this.pending.get(tag);
    this.pending.clear();
    if (tag === 0) return;
    this.device.queue.writeBuffer(this.buffer, 0, new Uint32Array(2));
    const index = bits | 0;
    const what = launch ? `${launch.label}: index ${index} is out of range for axis ${launch.check.axis} of size ${launch.check.size}` : `gather or scatterAdd: index ${index} is out of range`;
    throw new Error(`${what} (found by the webgpu backend; results computed since are not reliable)`);
  }
}

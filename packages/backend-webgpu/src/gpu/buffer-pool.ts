/**
 * The capacity a request of `bytes` gets: at least 16, a multiple of 256 up to 64 KiB, then
 * the next of eight steps per power of two. Coarse classes let a training loop's buffers (the same
 * shapes every step) come back from the pool instead of being created and destroyed.
 */
export function sizeClass(bytes: number): number {
  const wanted = Math.max(16, bytes);
  if (wanted <= 65536) return Math.ceil(wanted / 256) * 256;
  const step = 2 ** (Math.floor(Math.log2(wanted)) - 3);
  return Math.ceil(wanted / step) * step;
}

export interface PoolStats {
  /** Buffers handed out and not yet released. */
  inUse: number;
  idleBytes: number;
  created: number;
  reused: number;
}

/**
 * GPU buffers of one usage, recycled by size class. A released buffer may be handed out again at
 * once: commands using it were recorded before the new ones, and the queue runs them in order.
 */
export class BufferPool {
  private readonly idle = new Map<number, GPUBuffer[]>();
  private readonly stats: PoolStats = { inUse: 0, idleBytes: 0, created: 0, reused: 0 };

  constructor(
    private readonly device: GPUDevice,
    private readonly usage: GPUBufferUsageFlags,
    private readonly label: string,
    /** Idle bytes kept for reuse; buffers released beyond it are destroyed. */
    private readonly maxIdleBytes = 256 * 2 ** 20,
  ) {}

  acquire(bytes: number): GPUBuffer {
    const capacity = sizeClass(bytes);
    const buffer = this.idle.get(capacity)?.pop();
    this.stats.inUse++;
    if (buffer) {
      this.stats.reused++;
      this.stats.idleBytes -= capacity;
      return buffer;
    }
    this.stats.created++;
    return this.device.createBuffer({ size: capacity, usage: this.usage, label: this.label });
  }

  release(buffer: GPUBuffer): void {
    this.stats.inUse--;
    if (this.stats.idleBytes + buffer.size > this.maxIdleBytes) {
      buffer.destroy();
      return;
    }
    const list = this.idle.get(buffer.size);
    if (list) list.push(buffer);
    else this.idle.set(buffer.size, [buffer]);
    this.stats.idleBytes += buffer.size;
  }

  /** Destroys the idle buffers (buffers in use belong to their holders). */
  trim(): void {
    for (const list of this.idle.values()) for (const buffer of list) buffer.destroy();
    this.idle.clear();
    this.stats.idleBytes = 0;
  }

  snapshot(): PoolStats {
    return { ...this.stats };
  }
}

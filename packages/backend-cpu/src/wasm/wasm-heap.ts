import type { MemoryImport } from './module-builder.js';
import { detectWasmFeatures } from './simd-support.js';

const pageBytes = 65536;

export interface WasmHeapOptions {
  /** Bytes reserved up front (rounded up to whole 64 KiB pages). */
  initialBytes?: number;
  /** The most the heap may grow to; shared memories reserve this much address space up front. */
  maxBytes?: number;
  /** Shared memory when the engine allows it (default), so workers can run kernels on it. */
  shared?: boolean;
}

/**
 * A byte range of an existing heap memory, described as plain data (a shared `WebAssembly.Memory`
 * can be posted to a worker), for a second allocator that hands out scratch only inside it.
 */
export interface WasmHeapRegion {
  memory: WebAssembly.Memory;
  maxPages: number;
  shared: boolean;
  begin: number;
  end: number;
}

interface FreeBlock {
  offset: number;
  size: number;
}

/**
 * Tensors in one `WebAssembly.Memory`, so WASM kernels read and write them in place instead of
 * copying in and out per op. Allocations are byte offsets, 64-byte aligned (a cache line, and
 * more than v128 needs); views are derived on demand because growing a non-shared memory detaches
 * every typed array over its old buffer — never keep a view across an `alloc`.
 *
 * The allocator is first-fit over a free list kept sorted by offset and coalesced on free, above
 * which a bump pointer hands out fresh memory, growing the wasm memory geometrically when it runs
 * out. Offset 0 is never handed out, so 0 can mean "no buffer". The allocator is single-threaded:
 * with shared memory, workers run kernels on offsets the owning thread allocated, and take their
 * own scratch (GEMM packing, col matrices) from a region the owner carved out for them
 * (`carveRegion` → `WasmHeap.inRegion`), which never grows.
 */
export class WasmHeap {
  static readonly alignment = 64;
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  readonly maxPages: number;
  private top: number;
  /** End of a region heap; a region never grows past it. */
  private readonly limit: number | undefined;
  private readonly sizes = new Map<number, number>();
  private readonly freeBlocks: FreeBlock[] = [];
  private live = 0;
  private readonly growListeners: (() => void)[] = [];

  constructor(
    { initialBytes = 16 * 2 ** 20, maxBytes = 2 ** 31, shared = true }: WasmHeapOptions = {},
    region?: WasmHeapRegion,
  ) {
    if (region) {
      ({ memory: this.memory, maxPages: this.maxPages, shared: this.shared } = region);
      this.top = region.begin;
      this.limit = region.end;
      return;
    }
    this.maxPages = Math.min(65536, Math.ceil(maxBytes / pageBytes));
    const initial = Math.min(this.maxPages, Math.max(1, Math.ceil(initialBytes / pageBytes)));
    this.shared = shared && detectWasmFeatures().sharedMemory;
    this.memory = new WebAssembly.Memory({
      initial,
      maximum: this.maxPages,
      shared: this.shared,
    });
    this.top = WasmHeap.alignment;
  }

  /** A heap that allocates only inside `region` of another heap's memory (e.g. in a worker). */
  static inRegion(region: WasmHeapRegion): WasmHeap {
    if (region.begin % WasmHeap.alignment !== 0 || region.end < region.begin) {
      throw new RangeError(`inRegion: bad region [${region.begin}, ${region.end})`);
    }
    return new WasmHeap({}, region);
  }

  /**
   * Calls `listener` after every growth of the memory. A non-shared memory detaches all views over
   * its old buffer when it grows, so an owner that keeps typed-array views (a backend's buffer map)
   * re-derives them here; views over a shared memory stay valid, but re-deriving is harmless.
   */
  onGrow(listener: () => void): void {
    this.growListeners.push(listener);
  }

  /** Allocates `bytes` here and describes the block as a region for `WasmHeap.inRegion`. */
  carveRegion(bytes: number): WasmHeapRegion {
    const begin = this.alloc(bytes);
    return {
      memory: this.memory,
      maxPages: this.maxPages,
      shared: this.shared,
      begin,
      end: begin + this.blockSize(begin),
    };
  }

  /** The import declaration a kernel module needs to link against this heap's memory. */
  memoryImport(): MemoryImport {
    return { minPages: 1, maxPages: this.maxPages, shared: this.shared };
  }

  /** Reserves `bytes` (rounded up to the alignment) and returns the block's byte offset. */
  alloc(bytes: number): number {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`alloc: ${bytes} bytes`);
    const size = Math.max(WasmHeap.alignment, roundUp(bytes, WasmHeap.alignment));
    const offset = this.takeFree(size) ?? this.bump(size);
    this.sizes.set(offset, size);
    this.live += size;
    return offset;
  }

  /** Returns a block to the heap; freeing an offset twice or one never allocated throws. */
  free(offset: number): void {
    const size = this.sizes.get(offset);
    if (size === undefined) throw new Error(`free: no live block at offset ${offset}`);
    this.sizes.delete(offset);
    this.live -= size;
    this.release({ offset, size });
  }

  /** The size in bytes the block at `offset` really occupies (its request rounded up). */
  blockSize(offset: number): number {
    const size = this.sizes.get(offset);
    if (size === undefined) throw new Error(`blockSize: no live block at offset ${offset}`);
    return size;
  }

  /** A float32 view of `length` elements at `offset`, valid until the next `alloc`. */
  f32(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }

  i32(offset: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, offset, length);
  }

  /** Bytes in live blocks (after rounding). */
  get liveBytes(): number {
    return this.live;
  }

  /** The wasm memory's current size in bytes. */
  get capacityBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** First fit among freed blocks; the remainder of a larger block stays free. */
  private takeFree(size: number): number | undefined {
    const index = this.freeBlocks.findIndex((block) => block.size >= size);
    if (index < 0) return undefined;
    const block = this.freeBlocks[index];
    if (block.size === size) this.freeBlocks.splice(index, 1);
    else {
      block.offset += size;
      block.size -= size;
      return block.offset - size;
    }
    return block.offset;
  }

  private bump(size: number): number {
    const offset = this.top;
    if (this.limit !== undefined && offset + size > this.limit) {
      throw new RangeError(`WasmHeap region: ${size} bytes do not fit below ${this.limit}`);
    }
    this.ensureCapacity(offset + size);
    this.top = offset + size;
    return offset;
  }

  /** Inserts a freed block in offset order, merges it with adjacent free neighbours, and gives the
   * top block back to the bump region so a large later request can extend it. */
  private release(block: FreeBlock): void {
    const blocks = this.freeBlocks;
    let index = blocks.findIndex((b) => b.offset > block.offset);
    if (index < 0) index = blocks.length;
    blocks.splice(index, 0, block);
    const next = blocks[index + 1];
    if (next && block.offset + block.size === next.offset) {
      block.size += next.size;
      blocks.splice(index + 1, 1);
    }
    const previous = blocks[index - 1];
    if (previous && previous.offset + previous.size === block.offset) {
      previous.size += block.size;
      blocks.splice(index, 1);
    }
    const last = blocks[blocks.length - 1];
    if (last && last.offset + last.size === this.top) {
      this.top = last.offset;
      blocks.pop();
    }
  }

  /** Grows the memory to hold `end` bytes, at least doubling-by-half so growth stays amortised. */
  private ensureCapacity(end: number): void {
    const current = this.memory.buffer.byteLength;
    if (end <= current) return;
    const currentPages = current / pageBytes;
    const neededPages = Math.ceil(end / pageBytes);
    if (neededPages > this.maxPages) {
      throw new RangeError(
        `WasmHeap: ${end} bytes needed, but the heap may grow to ${this.maxPages * pageBytes} only`,
      );
    }
    const target = Math.min(this.maxPages, Math.max(neededPages, Math.ceil(currentPages * 1.5)));
    this.memory.grow(target - currentPages);
    for (const listener of this.growListeners) listener();
  }
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

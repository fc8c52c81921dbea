import { describe, expect, it } from 'vitest';
import { WasmHeap } from './wasm-heap.js';

describe('WasmHeap', () => {
  it('hands out distinct 64-byte-aligned blocks and never offset 0', () => {
    const heap = new WasmHeap({ initialBytes: 65536 });
    const offsets = [1, 100, 0, 64, 65].map((bytes) => heap.alloc(bytes));
    for (const offset of offsets) expect(offset % WasmHeap.alignment).toBe(0);
    expect(offsets).not.toContain(0);
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(offsets.map((o) => heap.blockSize(o))).toEqual([64, 128, 64, 64, 128]);
  });

  it('reuses a freed block for a request that fits in it', () => {
    const heap = new WasmHeap({ initialBytes: 65536 });
    const a = heap.alloc(1024);
    heap.alloc(64); // keeps `a` from merging back into the bump region
    heap.free(a);
    expect(heap.alloc(512)).toBe(a);
    expect(heap.alloc(512)).toBe(a + 512);
  });

  it('merges neighbouring free blocks so a larger request fits where two small ones were', () => {
    const heap = new WasmHeap({ initialBytes: 65536 });
    const a = heap.alloc(256);
    const b = heap.alloc(256);
    const c = heap.alloc(256);
    heap.alloc(64);
    heap.free(a);
    heap.free(c);
    heap.free(b);
    expect(heap.alloc(768)).toBe(a);
  });

  it('grows the memory on demand and keeps the contents of earlier blocks', () => {
    const heap = new WasmHeap({ initialBytes: 65536, shared: false });
    const first = heap.alloc(1000 * 4);
    heap.f32(first, 1000).set(Array.from({ length: 1000 }, (_, i) => i * 0.5));
    const before = heap.capacityBytes;
    const big = heap.alloc(3 * 65536);
    expect(heap.capacityBytes).toBeGreaterThan(before);
    heap.f32(big, 3 * 16384).fill(7);
    // Views are re-derived after growth; the old data is still at its offset.
    expect(Array.from(heap.f32(first, 1000))).toEqual(
      Array.from({ length: 1000 }, (_, i) => i * 0.5),
    );
  });

  it('uses shared memory when asked and available, and plain memory when not asked', () => {
    expect(new WasmHeap({ initialBytes: 65536 }).memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(new WasmHeap({ initialBytes: 65536, shared: false }).memory.buffer).toBeInstanceOf(
      ArrayBuffer,
    );
  });

  it('grows a shared memory too, keeping contents', () => {
    const heap = new WasmHeap({ initialBytes: 65536, shared: true, maxBytes: 2 ** 24 });
    const first = heap.alloc(16);
    heap.f32(first, 4).set([1, 2, 3, 4]);
    heap.alloc(2 ** 20);
    expect(heap.capacityBytes).toBeGreaterThanOrEqual(2 ** 20);
    expect(Array.from(heap.f32(first, 4))).toEqual([1, 2, 3, 4]);
  });

  it('tracks live bytes and gives the top block back so the heap does not creep upwards', () => {
    const heap = new WasmHeap({ initialBytes: 65536 });
    const a = heap.alloc(4096);
    const b = heap.alloc(4096);
    expect(heap.liveBytes).toBe(8192);
    heap.free(b);
    heap.free(a);
    expect(heap.liveBytes).toBe(0);
    expect(heap.alloc(8192)).toBe(a);
  });

  it('throws on a double free, an unknown offset and a request beyond the maximum', () => {
    const heap = new WasmHeap({ initialBytes: 65536, maxBytes: 131072 });
    const a = heap.alloc(64);
    heap.free(a);
    expect(() => heap.free(a)).toThrow(/no live block/);
    expect(() => heap.free(12345)).toThrow(/no live block/);
    expect(() => heap.alloc(200000)).toThrow(/may grow to 131072/);
  });

  it('carves a region in which a second allocator hands out blocks without touching the rest', () => {
    const heap = new WasmHeap({ initialBytes: 65536 });
    const before = heap.alloc(64);
    const region = heap.carveRegion(1024);
    const after = heap.alloc(64);
    const scratch = WasmHeap.inRegion(region);
    expect(scratch.memory).toBe(heap.memory);
    const blocks = [scratch.alloc(100), scratch.alloc(512), scratch.alloc(64)];
    for (const b of blocks) {
      expect(b).toBeGreaterThanOrEqual(region.begin);
      expect(b).toBeLessThan(region.end);
    }
    expect(blocks).not.toContain(before);
    expect(blocks).not.toContain(after);
    expect(() => scratch.alloc(512)).toThrow(/do not fit below/);
    scratch.free(blocks[1]);
    expect(scratch.alloc(512)).toBe(blocks[1]);
  });

  it('tells listeners when it grows, so owners can re-derive their views', () => {
    const heap = new WasmHeap({ initialBytes: 65536, shared: false });
    const block = heap.alloc(16);
    let view = heap.f32(block, 4);
    view.set([1, 2, 3, 4]);
    let growths = 0;
    heap.onGrow(() => {
      growths++;
      view = heap.f32(block, 4);
    });
    heap.alloc(1024);
    expect(growths).toBe(0);
    heap.alloc(200000);
    expect(growths).toBe(1);
    expect(Array.from(view)).toEqual([1, 2, 3, 4]);
  });
});

/** A float32 tensor in a WasmHeap: row-major, starting at byte `offset`. */
export interface HeapTensor {
  offset: number;
  shape: readonly number[];
}

/** A half-open range [begin, end) of rows, images or channels: one worker's share of a kernel. */
export type Range = readonly [number, number];

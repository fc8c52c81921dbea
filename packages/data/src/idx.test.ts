import { describe, expect, it } from 'vitest';
import { encodeIdx, parseIdx } from './idx.js';

describe('parseIdx', () => {
  it('reads the shape and bytes of a uint8 IDX file', () => {
    const data = Uint8Array.from({ length: 24 }, (_, i) => i * 10);
    const parsed = parseIdx(encodeIdx([2, 3, 4], data));
    expect(parsed.shape).toEqual([2, 3, 4]);
    expect(parsed.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
  });

  it('reads big-endian int32 elements', () => {
    const bytes = new Uint8Array(4 + 4 + 8);
    const view = new DataView(bytes.buffer);
    view.setUint8(2, 0x0c);
    view.setUint8(3, 1);
    view.setUint32(4, 2);
    view.setInt32(8, -5);
    view.setInt32(12, 70000);
    const parsed = parseIdx(bytes);
    expect(parsed.data).toBeInstanceOf(Int32Array);
    expect(Array.from(parsed.data)).toEqual([-5, 70000]);
  });

  it('reads a view into a larger buffer from its own offset', () => {
    const file = encodeIdx([3], Uint8Array.of(7, 8, 9));
    const padded = new Uint8Array(file.length + 5);
    padded.set(file, 5);
    expect(Array.from(parseIdx(padded.subarray(5)).data)).toEqual([7, 8, 9]);
  });

  it('rejects a file shorter than its header says', () => {
    const file = encodeIdx([10], new Uint8Array(10));
    expect(() => parseIdx(file.subarray(0, 12))).toThrow(/needs 18 bytes, the file has 12/);
  });

  it('rejects bytes that are not IDX', () => {
    expect(() => parseIdx(Uint8Array.of(1, 2, 8, 1, 0, 0, 0, 0))).toThrow(/not an IDX file/);
    expect(() => parseIdx(Uint8Array.of(0, 0, 0x42, 1, 0, 0, 0, 0))).toThrow(/unknown element type 0x42/);
  });
});

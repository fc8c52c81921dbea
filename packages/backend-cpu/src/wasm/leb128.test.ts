import { describe, expect, it } from 'vitest';
import { writeSignedLeb128, writeUnsignedLeb128 } from './leb128.js';

function unsigned(value: number): number[] {
  const out: number[] = [];
  writeUnsignedLeb128(out, value);
  return out;
}

function signed(value: number): number[] {
  const out: number[] = [];
  writeSignedLeb128(out, value);
  return out;
}

describe('LEB128', () => {
  it('encodes unsigned values seven bits at a time, low group first', () => {
    expect(unsigned(0)).toEqual([0x00]);
    expect(unsigned(127)).toEqual([0x7f]);
    expect(unsigned(128)).toEqual([0x80, 0x01]);
    expect(unsigned(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsigned(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('encodes signed values with the sign in bit 6 of the last byte', () => {
    expect(signed(0)).toEqual([0x00]);
    expect(signed(-1)).toEqual([0x7f]);
    expect(signed(63)).toEqual([0x3f]);
    expect(signed(64)).toEqual([0xc0, 0x00]);
    expect(signed(-64)).toEqual([0x40]);
    expect(signed(-65)).toEqual([0xbf, 0x7f]);
    expect(signed(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signed(-0x80000000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
  });

  it('refuses values that do not fit 32 bits', () => {
    expect(() => unsigned(-1)).toThrow(/not a u32/);
    expect(() => unsigned(2 ** 32)).toThrow(/not a u32/);
    expect(() => signed(2 ** 31)).toThrow(/not an i32/);
    expect(() => signed(1.5)).toThrow(/not an i32/);
  });
});

/**
 * LEB128, the variable-length integer encoding of every count, index and immediate in a wasm
 * binary: seven bits per byte, low group first, the high bit saying "more follows".
 */

/** Appends the unsigned LEB128 encoding of `value` (an integer in [0, 2³²)) to `out`. */
export function writeUnsignedLeb128(out: number[], value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`unsigned LEB128: ${value} is not a u32`);
  }
  let rest = value;
  do {
    // Division, not >>>, so values ≥ 2³¹ stay positive in JS's 32-bit shift semantics.
    const byte = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
}

/** Appends the signed LEB128 encoding of `value` (an integer in [−2³¹, 2³¹)) to `out`. */
export function writeSignedLeb128(out: number[], value: number): void {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new RangeError(`signed LEB128: ${value} is not an i32`);
  }
  let rest = value;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    // Done when the remaining bits are all copies of the sign bit this byte already carries.
    const signBit = byte & 0x40;
    if ((rest === 0 && signBit === 0) || (rest === -1 && signBit !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

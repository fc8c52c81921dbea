/**
 * The wasm opcodes the kernel generators use — not the whole instruction set, only what some
 * kernel emits, so every entry here is exercised by a test of a kernel that uses it.
 */

/** Value types as they appear in signatures and local declarations. */
export const ValType = {
  i32: 0x7f,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
} as const;
export type ValType = (typeof ValType)[keyof typeof ValType];

/** The block type of a block, loop or if that leaves nothing on the stack. */
export const emptyBlockType = 0x40;

/** Single-byte core instructions. */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  call: 0x10,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  f32Const: 0x43,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GeS: 0x4e,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32ShrS: 0x75,
  f32Add: 0x92,
  f32Max: 0x97,
  f64Add: 0xa0,
  f32DemoteF64: 0xb6,
  f64PromoteF32: 0xbb,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** The prefix byte of every SIMD instruction; the opcode after it is a LEB128 u32. */
export const simdPrefix = 0xfd;

/** SIMD (0xfd-prefixed) instructions, including the relaxed-SIMD ones. */
export const SimdOp = {
  v128Load: 0x00,
  v128Load32Splat: 0x09,
  v128Store: 0x0b,
  v128Const: 0x0c,
  i8x16Shuffle: 0x0d,
  f32x4ExtractLane: 0x1f,
  f64x2PromoteLowF32x4: 0x5f,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  /** Pseudo-max `a < b ? b : a`: one x86 maxps, but a NaN in b is ignored. */
  f32x4Pmax: 0xeb,
  f32x4Eq: 0x41,
  f32x4Ne: 0x42,
  f32x4Lt: 0x43,
  f32x4Gt: 0x44,
  f32x4Le: 0x45,
  f32x4Ge: 0x46,
  i32x4Eq: 0x37,
  i32x4Ne: 0x38,
  i32x4LtS: 0x39,
  v128Not: 0x4d,
  v128And: 0x4e,
  v128AndNot: 0x4f,
  v128Or: 0x50,
  v128Bitselect: 0x52,
  v128AnyTrue: 0x53,
  v128Store64Lane: 0x5b,
  v128Load64Zero: 0x5d,
  f32x4Nearest: 0x6a,
  i32x4Abs: 0xa0,
  i32x4Neg: 0xa1,
  i32x4Shl: 0xab,
  i32x4ShrS: 0xac,
  i32x4Add: 0xae,
  i32x4Sub: 0xb1,
  i32x4Mul: 0xb5,
  i32x4MinS: 0xb6,
  i32x4MaxS: 0xb8,
  f32x4Abs: 0xe0,
  f32x4Neg: 0xe1,
  f32x4Sqrt: 0xe3,
  f32x4Sub: 0xe5,
  f32x4Div: 0xe7,
  /** Pseudo-min `b < a ? b : a`. */
  f32x4Pmin: 0xea,
  i32x4TruncSatF32x4S: 0xf8,
  f32x4ConvertI32x4S: 0xfa,
  f64x2Add: 0xf0,
  f64x2ExtractLane: 0x21,
  /** Relaxed SIMD: a·b + c, fused on hardware with FMA (rounding once), unfused elsewhere. */
  f32x4RelaxedMadd: 0x105,
} as const;
export type SimdOp = (typeof SimdOp)[keyof typeof SimdOp];

/** Export and import kinds. */
export const ExternalKind = {
  function: 0x00,
  memory: 0x02,
} as const;
export type ExternalKind = (typeof ExternalKind)[keyof typeof ExternalKind];

/** Section ids, in the order a module must list them. */
export const SectionId = {
  type: 1,
  import: 2,
  function: 3,
  export: 7,
  code: 10,
} as const;
export type SectionId = (typeof SectionId)[keyof typeof SectionId];

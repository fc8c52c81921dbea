import { writeSignedLeb128, writeUnsignedLeb128 } from './leb128.js';
import { emptyBlockType, Op, simdPrefix, SimdOp } from './opcodes.js';
import type { ValType } from './opcodes.js';

/** A local variable (parameters first, then declared locals), named by its index. */
export type Local = number & { readonly __local: unique symbol };

/**
 * The instructions of one wasm function, written as method calls in stack order: to compute
 * `a + b` call `get(a).get(b).op(Op.i32Add)`. Control flow takes callbacks so every block is closed
 * by construction; branch depths count enclosing blocks from the innermost (0) outwards, as in wasm.
 * Memory offsets are byte offsets folded into the instruction's immediate, so unrolled loops
 * address consecutive elements without arithmetic.
 */
export class FunctionBody {
  private readonly code: number[] = [];
  private readonly declared: ValType[] = [];
  private depth = 0;

  constructor(
    readonly index: number,
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
  ) {}

  /** The i-th parameter. */
  param(i: number): Local {
    if (i < 0 || i >= this.params.length) throw new RangeError(`no parameter ${i}`);
    return i as Local;
  }

  /** The parameters as an object keyed by `names`, in order: for functions with many of them. */
  namedParams<Name extends string>(names: readonly Name[]): Record<Name, Local> {
    if (names.length !== this.params.length) {
      throw new RangeError(`${names.length} names for ${this.params.length} parameters`);
    }
    const named: Partial<Record<Name, Local>> = {};
    names.forEach((name, i) => (named[name] = i as Local));
    return named as Record<Name, Local>;
  }

  /** Declares a fresh local of `type`, zero-initialised by wasm on entry. */
  local(type: ValType): Local {
    this.declared.push(type);
    return (this.params.length + this.declared.length - 1) as Local;
  }

  op(opcode: Op): this {
    this.code.push(opcode);
    return this;
  }

  simd(opcode: SimdOp): this {
    this.code.push(simdPrefix);
    writeUnsignedLeb128(this.code, opcode);
    return this;
  }

  get(local: Local): this {
    return this.withIndex(Op.localGet, local);
  }

  set(local: Local): this {
    return this.withIndex(Op.localSet, local);
  }

  tee(local: Local): this {
    return this.withIndex(Op.localTee, local);
  }

  i32(value: number): this {
    this.code.push(Op.i32Const);
    writeSignedLeb128(this.code, value | 0);
    return this;
  }

  f32(value: number): this {
    this.code.push(Op.f32Const);
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    this.code.push(...bytes);
    return this;
  }

  /** A scalar or vector memory access: `alignLog2` is the promised alignment, a hint only. */
  memory(opcode: Op, byteOffset: number, alignLog2: number): this {
    this.code.push(opcode);
    return this.memarg(byteOffset, alignLog2);
  }

  simdMemory(opcode: SimdOp, byteOffset: number, alignLog2: number): this {
    this.simd(opcode);
    return this.memarg(byteOffset, alignLog2);
  }

  /** f32 load from the address on the stack plus `byteOffset`. */
  f32Load(byteOffset = 0): this {
    return this.memory(Op.f32Load, byteOffset, 2);
  }

  f32Store(byteOffset = 0): this {
    return this.memory(Op.f32Store, byteOffset, 2);
  }

  v128Load(byteOffset = 0): this {
    return this.simdMemory(SimdOp.v128Load, byteOffset, 2);
  }

  v128Store(byteOffset = 0): this {
    return this.simdMemory(SimdOp.v128Store, byteOffset, 2);
  }

  /** Loads two f32 into lanes 0 and 1, zeroing lanes 2 and 3. */
  load64Zero(byteOffset = 0): this {
    return this.simdMemory(SimdOp.v128Load64Zero, byteOffset, 2);
  }

  /** Stores lanes 0 and 1 (as f32) of the vector on the stack. */
  store64Lane0(byteOffset = 0): this {
    this.simdMemory(SimdOp.v128Store64Lane, byteOffset, 2);
    this.code.push(0);
    return this;
  }

  /** Loads one f32 and repeats it in all four lanes. */
  load32Splat(byteOffset = 0): this {
    return this.simdMemory(SimdOp.v128Load32Splat, byteOffset, 2);
  }

  /** A v128 constant with the same f32 in all four lanes. */
  f32x4Const(value: number): this {
    this.simd(SimdOp.v128Const);
    const bytes = new Uint8Array(new Float32Array([value, value, value, value]).buffer);
    this.code.push(...bytes);
    return this;
  }

  /** A v128 constant with the same i32 in all four lanes. */
  i32x4Const(value: number): this {
    this.simd(SimdOp.v128Const);
    const bytes = new Uint8Array(new Int32Array([value, value, value, value]).buffer);
    this.code.push(...bytes);
    return this;
  }

  /** Lane selection from two vectors: each of the 16 bytes of the result names a byte 0..31. */
  shuffle(lanes: readonly number[]): this {
    if (lanes.length !== 16 || lanes.some((l) => l < 0 || l > 31)) {
      throw new RangeError(`i8x16.shuffle needs 16 byte lanes in [0, 32), got [${lanes}]`);
    }
    this.simd(SimdOp.i8x16Shuffle);
    this.code.push(...lanes);
    return this;
  }

  extractLane(opcode: SimdOp, lane: number): this {
    this.simd(opcode);
    this.code.push(lane);
    return this;
  }

  call(target: FunctionBody | number): this {
    return this.withIndex(Op.call, typeof target === 'number' ? target : target.index);
  }

  block(body: () => void): this {
    return this.structured(Op.block, body);
  }

  loop(body: () => void): this {
    return this.structured(Op.loop, body);
  }

  /** Pops an i32 condition; runs `then` when it is non-zero, `otherwise` when it is zero. */
  if(then: () => void, otherwise?: () => void): this {
    this.code.push(Op.if, emptyBlockType);
    this.depth++;
    then();
    if (otherwise) {
      this.code.push(Op.else);
      otherwise();
    }
    this.depth--;
    this.code.push(Op.end);
    return this;
  }

  br(depth: number): this {
    return this.withIndex(Op.br, this.checkDepth(depth));
  }

  brIf(depth: number): this {
    return this.withIndex(Op.brIf, this.checkDepth(depth));
  }

  /** The body as the code section stores it: local declarations (run-length encoded), code, end. */
  encode(): number[] {
    if (this.depth !== 0) throw new Error('function body has an unclosed block');
    const runs: [ValType, number][] = [];
    for (const type of this.declared) {
      const last = runs[runs.length - 1];
      if (last && last[0] === type) last[1]++;
      else runs.push([type, 1]);
    }
    const out: number[] = [];
    writeUnsignedLeb128(out, runs.length);
    for (const [type, count] of runs) {
      writeUnsignedLeb128(out, count);
      out.push(type);
    }
    out.push(...this.code, Op.end);
    return out;
  }

  private structured(opcode: Op, body: () => void): this {
    this.code.push(opcode, emptyBlockType);
    this.depth++;
    body();
    this.depth--;
    this.code.push(Op.end);
    return this;
  }

  private withIndex(opcode: Op, index: number): this {
    this.code.push(opcode);
    writeUnsignedLeb128(this.code, index);
    return this;
  }

  private memarg(byteOffset: number, alignLog2: number): this {
    writeUnsignedLeb128(this.code, alignLog2);
    writeUnsignedLeb128(this.code, byteOffset);
    return this;
  }

  private checkDepth(depth: number): number {
    if (depth < 0 || depth >= this.depth) {
      throw new RangeError(`branch depth ${depth} outside the ${this.depth} enclosing blocks`);
    }
    return depth;
  }
}

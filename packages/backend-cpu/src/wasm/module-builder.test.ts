import { describe, expect, it } from 'vitest';
import { ModuleBuilder } from './module-builder.js';
import { Op, SimdOp, ValType } from './opcodes.js';
import { instantiateKernels } from './wasm-instance.js';

const { i32 } = ValType;

function memory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 1 });
}

describe('ModuleBuilder', () => {
  it('builds a module whose exported function adds two i32s', () => {
    const module = new ModuleBuilder({ minPages: 1, shared: false });
    const add = module.function([i32, i32], [i32], 'add');
    add.get(add.param(0)).get(add.param(1)).op(Op.i32Add);
    const { add: run } = instantiateKernels(module.toBytes(), memory(), ['add']);
    expect(run(40, 2)).toBe(42);
  });

  it('lets one function call another and loops with branches', () => {
    const module = new ModuleBuilder({ minPages: 1, shared: false });
    const square = module.function([i32], [i32]);
    square.get(square.param(0)).get(square.param(0)).op(Op.i32Mul);
    // sumOfSquares(n) = Σ_{i<n} i² through a loop that calls `square`.
    const sum = module.function([i32], [i32], 'sumOfSquares');
    const i = sum.local(i32);
    const total = sum.local(i32);
    sum.block(() =>
      sum.loop(() => {
        sum.get(i).get(sum.param(0)).op(Op.i32GeS).brIf(1);
        sum.get(total).get(i).call(square).op(Op.i32Add).set(total);
        sum.get(i).i32(1).op(Op.i32Add).set(i).br(0);
      }),
    );
    sum.get(total);
    const { sumOfSquares } = instantiateKernels(module.toBytes(), memory(), ['sumOfSquares']);
    expect(sumOfSquares(5)).toBe(0 + 1 + 4 + 9 + 16);
  });

  it('reads and writes the imported memory with SIMD loads and stores', () => {
    const module = new ModuleBuilder({ minPages: 1, shared: false });
    // double(p): the four floats at p become twice themselves.
    const double = module.function([i32], [], 'double');
    const p = double.param(0);
    double.get(p).get(p).v128Load().f32x4Const(2).simd(SimdOp.f32x4Mul).v128Store();
    const mem = memory();
    new Float32Array(mem.buffer, 16, 4).set([1, -2, 3.5, 0]);
    instantiateKernels(module.toBytes(), mem, ['double']).double(16);
    expect(Array.from(new Float32Array(mem.buffer, 16, 4))).toEqual([2, -4, 7, 0]);
  });

  it('links against a shared memory when the import says shared', () => {
    const module = new ModuleBuilder({ minPages: 1, maxPages: 4, shared: true });
    const store = module.function([i32, ValType.f32], [], 'store');
    store.get(store.param(0)).get(store.param(1)).f32Store();
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    instantiateKernels(module.toBytes(), shared, ['store']).store(8, 1.25);
    expect(new Float32Array(shared.buffer, 8, 1)[0]).toBe(1.25);
  });

  it('rejects a branch past the enclosing blocks and an export that is not there', () => {
    const module = new ModuleBuilder({ minPages: 1, shared: false });
    const f = module.function([], [], 'f');
    expect(() => f.block(() => f.br(1))).toThrow(/branch depth 1/);
    expect(() =>
      instantiateKernels(new ModuleBuilder({ minPages: 1, shared: false }).toBytes(), memory(), [
        'f',
      ]),
    ).toThrow(/exports no function "f"/);
  });
});

import type { PrimitiveOp } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { cpuArray, noAttrs, runKernel } from '../testing/arrays.js';
import { erf } from './erf.js';

// erf reference values from CPython's math.erf (libm), to 16 digits.
const erfTable: [number, number][] = [
  [0.01, 0.011283415555849616],
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
  [3.5, 0.9999992569016276],
  [4, 0.9999999845827421],
  [5, 0.9999999999984626],
];

describe('erf', () => {
  it('matches reference values to 1e-14 on both sides of the series / continued-fraction switch', () => {
    for (const [x, expected] of erfTable) {
      expect(Math.abs(erf(x) - expected)).toBeLessThan(1e-14);
      expect(Math.abs(erf(-x) + expected)).toBeLessThan(1e-14);
    }
  });

  it('is exact at zero, saturates at infinity and propagates NaN', () => {
    expect(erf(0)).toBe(0);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(30)).toBe(1);
    expect(erf(NaN)).toBeNaN();
  });

  it('as a kernel, agrees with the reference values to 1e-7 after rounding to float32', () => {
    const xs = erfTable.map(([x]) => x);
    const y = runKernel('erf', [cpuArray(xs, [xs.length])], [xs.length], noAttrs);
    erfTable.forEach(([, expected], i) =>
      expect(Math.abs(y.data[i] - expected)).toBeLessThan(1e-7),
    );
  });
});

describe('unary kernels', () => {
  const xs = [0.25, 1, 2.5, 9];
  const cases: [PrimitiveOp, (x: number) => number][] = [
    ['neg', (x) => -x],
    ['exp', Math.exp],
    ['log', Math.log],
    ['sqrt', Math.sqrt],
    ['sin', Math.sin],
    ['cos', Math.cos],
    ['tanh', Math.tanh],
    ['abs', Math.abs],
  ];
  it.each(cases)('%s applies its function to every element, rounded to float32', (op, fn) => {
    const y = runKernel(op, [cpuArray(xs, [2, 2])], [2, 2], noAttrs);
    expect(Array.from(y.data)).toEqual(xs.map((x) => Math.fround(fn(x))));
  });

  it('abs and neg work on negative int32 values', () => {
    const x = cpuArray([-3, 0, 4], [3], 'int32');
    expect(Array.from(runKernel('abs', [x], [3], noAttrs, 'int32').data)).toEqual([3, 0, 4]);
    expect(Array.from(runKernel('neg', [x], [3], noAttrs, 'int32').data)).toEqual([3, 0, -4]);
  });
});

describe('binary kernels', () => {
  const a = cpuArray([1, -2, 3, 4], [2, 2]);
  const b = cpuArray([2, 2, -1, 4], [2, 2]);
  const cases: [PrimitiveOp, number[]][] = [
    ['add', [3, 0, 2, 8]],
    ['sub', [-1, -4, 4, 0]],
    ['mul', [2, -4, -3, 16]],
    ['div', [0.5, -1, -3, 1]],
    ['pow', [1, 4, 1 / 3, 256]],
    ['maximum', [2, 2, 3, 4]],
    ['minimum', [1, -2, -1, 4]],
  ];
  it.each(cases)('%s combines matching elements', (op, values) => {
    const y = runKernel(op, [a, b], [2, 2], noAttrs);
    expect(Array.from(y.data)).toEqual(values.map(Math.fround));
  });

  it('eq and lt write 1 / 0 into a bool output', () => {
    const eq = runKernel('eq', [a, b], [2, 2], noAttrs, 'bool');
    const lt = runKernel('lt', [a, b], [2, 2], noAttrs, 'bool');
    expect(eq.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(eq.data)).toEqual([0, 0, 0, 1]);
    expect(Array.from(lt.data)).toEqual([1, 1, 0, 0]);
  });

  it('maximum and minimum propagate NaN', () => {
    const x = cpuArray([NaN, 1], [2]);
    const y = cpuArray([0, NaN], [2]);
    expect(Array.from(runKernel('maximum', [x, y], [2], noAttrs).data)).toEqual([NaN, NaN]);
    expect(Array.from(runKernel('minimum', [x, y], [2], noAttrs).data)).toEqual([NaN, NaN]);
  });

  it('int32 division truncates toward zero', () => {
    const x = cpuArray([7, -7, 6], [3], 'int32');
    const y = cpuArray([2, 2, 3], [3], 'int32');
    expect(Array.from(runKernel('div', [x, y], [3], noAttrs, 'int32').data)).toEqual([3, -3, 2]);
  });
});

describe('where', () => {
  it('takes a where the condition is true and b elsewhere', () => {
    const cond = cpuArray([1, 0, 0, 1], [4], 'bool');
    const y = runKernel(
      'where',
      [cond, cpuArray([1, 2, 3, 4], [4]), cpuArray([-1, -2, -3, -4], [4])],
      [4],
      noAttrs,
    );
    expect(Array.from(y.data)).toEqual([1, -2, -3, 4]);
  });
});

describe('cast', () => {
  it('float32 to int32 truncates toward zero', () => {
    const x = cpuArray([-2.7, -0.5, 0.5, 2.7, 3], [5]);
    const y = runKernel('cast', [x], [5], { dtype: 'int32' }, 'int32');
    expect(y.data).toBeInstanceOf(Int32Array);
    expect(Array.from(y.data)).toEqual([-2, 0, 0, 2, 3]);
  });

  it('float32 to bool is x != 0, so -0 is false and NaN is true', () => {
    const x = cpuArray([0, -0, 0.1, NaN, -3], [5]);
    expect(Array.from(runKernel('cast', [x], [5], { dtype: 'bool' }, 'bool').data)).toEqual([
      0, 0, 1, 1, 1,
    ]);
  });

  it('int32 to bool is x != 0', () => {
    const x = cpuArray([0, 5, -1], [3], 'int32');
    expect(Array.from(runKernel('cast', [x], [3], { dtype: 'bool' }, 'bool').data)).toEqual([
      0, 1, 1,
    ]);
  });

  it('bool to float32 gives 0 and 1, int32 to float32 keeps the value', () => {
    const b = cpuArray([1, 0, 1], [3], 'bool');
    expect(Array.from(runKernel('cast', [b], [3], { dtype: 'float32' }).data)).toEqual([1, 0, 1]);
    const i = cpuArray([-4, 0, 123456], [3], 'int32');
    expect(Array.from(runKernel('cast', [i], [3], { dtype: 'float32' }).data)).toEqual([
      -4, 0, 123456,
    ]);
  });

  it('rejects attrs that disagree with the output dtype', () => {
    expect(() => runKernel('cast', [cpuArray([1], [1])], [1], { dtype: 'int32' }, 'bool')).toThrow(
      /cast/,
    );
  });
});

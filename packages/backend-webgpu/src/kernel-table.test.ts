import type { Conv2dAttrs, PrimitiveAttrs, PrimitiveOp } from '@loom/graph';
import { describe, expect, it } from 'vitest';
import { planLaunch, planStep } from './plan-program.js';

/** The WGSL of a launch of `op` with float32 inputs and output of the given shapes. */
function codeOf<Op extends PrimitiveOp>(op: Op, attrs: PrimitiveAttrs[Op], inputs: number[][], output: number[]): string[] {
  return planLaunch({
    kind: 'launch',
    op,
    attrs,
    inputs: inputs.map((shape, id) => ({ id, shape, dtype: 'float32' })),
    output: { id: 99, shape: output, dtype: 'float32' },
    label: `${op} #1`,
  }).map((d) => d.code);
}

const conv: Conv2dAttrs = { stride: [1, 1], padding: [1, 1, 1, 1], dilation: [1, 1], groups: 1 };

describe('generated kernels depend on structure, not sizes', () => {
  it('matmuls of different sizes share one shader (sizes are parameters)', () => {
    const small = codeOf('matmul', {}, [[3, 4], [4, 5]], [3, 5]);
    const large = codeOf('matmul', {}, [[300, 40], [40, 50]], [300, 50]);
    expect(large).toEqual(small);
  });

  it('conv2d with other image sizes and channel counts shares one shader', () => {
    const a = codeOf('conv2d', conv, [[1, 3, 8, 8], [4, 3, 3, 3]], [1, 4, 8, 8]);
    const b = codeOf('conv2d', { ...conv, stride: [2, 2] }, [[2, 5, 9, 9], [6, 5, 3, 3]], [2, 6, 5, 5]);
    expect(b).toEqual(a);
  });

  it('an add with a different scalar constant shares one shader (constants are parameters)', () => {
    const launch = (value: number) =>
      planStep({
        kind: 'fused',
        expr: { kind: 'binary', op: 'mul', a: { kind: 'load', input: 0, view: { strides: [1], offset: 0 } }, b: { kind: 'const', value, dtype: 'float32' } },
        inputs: [{ id: 1, shape: [6], dtype: 'float32' }],
        output: { id: 2, shape: [6], dtype: 'float32' },
        label: 'mul #1',
      });
    const [a, b] = [launch(0.5), launch(-3)];
    expect(b[0].code).toEqual(a[0].code);
    expect(Array.from(b[0].params)).not.toEqual(Array.from(a[0].params));
  });

  it('a sum over 10 elements runs one invocation per output and over 1,000 a workgroup tree', () => {
    const [short] = codeOf('sum', { axes: [1] }, [[4, 10]], [4, 1]);
    const [long] = codeOf('sum', { axes: [1] }, [[4, 1000]], [4, 1]);
    expect(short).not.toMatch(/workgroupBarrier/);
    expect(long).toMatch(/workgroupBarrier/);
  });
});

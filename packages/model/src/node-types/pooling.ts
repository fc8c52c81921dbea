import { AvgPool2d, MaxPool2d } from '@loom/nn';
import type { TensorType } from '../analysis/tensor-type.js';
import { defineNodeType, type PortSpec } from './node-type.js';
import { param } from './param-specs.js';
import { float32, windowOutput } from './shape-rules.js';

const poolParams = [
  param.int('kernelSize', 2, 'Height and width of the square window.', { min: 1 }),
  param.optionalInt('stride', 'Step between windows; unset means the kernel size (non-overlapping).', { min: 1 }),
  param.int('padding', 0, 'Padding on each side of H and W.', { min: 0 }),
] as const;

const ports = (): { inputs: PortSpec[]; outputs: PortSpec[] } => ({
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32', rank: [4], doc: '[N, C, H, W]' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32', rank: [4], doc: '[N, C, H′, W′]' }],
});

function poolShape(x: TensorType, kernelSize: number, stride: number | null, padding: number): { out: TensorType } {
  const step = stride ?? kernelSize;
  return { out: float32([x.shape[0], x.shape[1], windowOutput('in', x, 2, kernelSize, step, padding), windowOutput('in', x, 3, kernelSize, step, padding)]) };
}

function poolCode(kind: 'MaxPool2d' | 'AvgPool2d', kernelSize: number, stride: number | null, padding: number) {
  return {
    imports: { nn: [kind] },
    construct: `new ${kind}(${kernelSize}, { stride: ${stride ?? kernelSize}, padding: ${padding} })`,
    call: (self: string, { in: x }: Readonly<Record<string, string>>) => `${self}.forward(${x})`,
  };
}

/** Max pooling over windows of an NCHW image. */
export const maxPool2dNode = defineNodeType({
  type: 'MaxPool2d',
  category: 'layer',
  title: 'MaxPool2d',
  description: 'The maximum of each window of an NCHW image.',
  ...ports(),
  params: poolParams,
  inferShapes: ({ in: x }, { kernelSize, stride, padding }) => poolShape(x, kernelSize, stride, padding),
  build({ kernelSize, stride, padding }) {
    const module = new MaxPool2d(kernelSize, { stride: stride ?? kernelSize, padding });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ kernelSize, stride, padding }) => poolCode('MaxPool2d', kernelSize, stride, padding),
});

/** Average pooling over windows of an NCHW image. */
export const avgPool2dNode = defineNodeType({
  type: 'AvgPool2d',
  category: 'layer',
  title: 'AvgPool2d',
  description: 'The mean of each window of an NCHW image (padding counts toward the divisor).',
  ...ports(),
  params: poolParams,
  inferShapes: ({ in: x }, { kernelSize, stride, padding }) => poolShape(x, kernelSize, stride, padding),
  build({ kernelSize, stride, padding }) {
    const module = new AvgPool2d(kernelSize, { stride: stride ?? kernelSize, padding });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ kernelSize, stride, padding }) => poolCode('AvgPool2d', kernelSize, stride, padding),
});

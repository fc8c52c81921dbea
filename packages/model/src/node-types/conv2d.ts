import { Conv2d } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim, float32, paramError, windowOutput } from './shape-rules.js';

/** 2-D convolution over NCHW images. */
export const conv2dNode = defineNodeType({
  type: 'Conv2d',
  category: 'layer',
  title: 'Conv2d',
  description: '2-D convolution over NCHW images; weight [outChannels, inChannels/groups, k, k].',
  inputs: [{ name: 'in', title: 'Input', dtype: 'float32', rank: [4], doc: '[N, inChannels, H, W]' }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32', rank: [4], doc: '[N, outChannels, H′, W′]' }],
  params: [
    param.int('inChannels', 1, 'Channels of the input image.', { min: 1 }),
    param.int('outChannels', 1, 'Channels (filters) of the output.', { min: 1 }),
    param.int('kernelSize', 3, 'Height and width of the square kernel.', { min: 1 }),
    param.int('stride', 1, 'Step between windows.', { min: 1 }),
    param.int('padding', 0, 'Zeros added on each side of H and W.', { min: 0 }),
    param.int('dilation', 1, 'Spacing between kernel taps.', { min: 1 }),
    param.int('groups', 1, 'Split channels into groups convolved separately; must divide both channel counts.', { min: 1 }),
    param.bool('bias', true, 'Learn a bias per output channel.'),
  ],
  inferShapes({ in: x }, { inChannels, outChannels, kernelSize, stride, padding, dilation, groups }) {
    if (inChannels % groups !== 0 || outChannels % groups !== 0)
      throw paramError('groups', `groups ${groups} must divide inChannels ${inChannels} and outChannels ${outChannels}`);
    expectDim('in', x, 1, inChannels, 'channels');
    const h = windowOutput('in', x, 2, kernelSize, stride, padding, dilation);
    const w = windowOutput('in', x, 3, kernelSize, stride, padding, dilation);
    return { out: float32([x.shape[0], outChannels, h, w]) };
  },
  build({ inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias }, { seed }) {
    const module = new Conv2d(inChannels, outChannels, kernelSize, { stride, padding, dilation, groups, bias, seed });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ inChannels, outChannels, kernelSize, stride, padding, dilation, groups, bias }, { seed }) => ({
    imports: { nn: ['Conv2d'] },
    construct: `new Conv2d(${inChannels}, ${outChannels}, ${kernelSize}, { stride: ${stride}, padding: ${padding}, dilation: ${dilation}, groups: ${groups}, bias: ${bias}, seed: ${seed} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});

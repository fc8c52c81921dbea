import { TransformerEncoderLayer } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim, paramError } from './shape-rules.js';

/** Self-attention and a feed-forward network, each in a residual connection with LayerNorm. */
export const transformerEncoderLayerNode = defineNodeType({
  type: 'TransformerEncoderLayer',
  category: 'layer',
  title: 'TransformerEncoderLayer',
  description: 'Self-attention then a position-wise feed-forward network, each with a residual connection and LayerNorm.',
  inputs: [{ name: 'in', title: 'Sequence', dtype: 'float32', rank: [3] }],
  outputs: [{ name: 'out', title: 'Output', dtype: 'float32', rank: [3] }],
  params: [
    param.int('dModel', 8, 'Features per position.', { min: 1 }),
    param.int('nhead', 1, 'Attention heads; must divide dModel.', { min: 1 }),
    param.int('dimFeedforward', 2048, 'Hidden width of the feed-forward network.', { min: 1 }),
    param.float('dropout', 0.1, 'Dropout, in training.', { min: 0, max: 0.99 }),
    param.choice('activation', ['relu', 'gelu'], 'relu', 'Activation of the feed-forward network.'),
    param.float('layerNormEps', 1e-5, 'LayerNorm epsilon.', { min: 0 }),
    param.bool('normFirst', false, 'Pre-norm (LayerNorm before each block) instead of post-norm.'),
    param.bool('bias', true, 'Learn biases.'),
    param.bool('batchFirst', true, 'Sequences are [N, T, dModel] (the document default).'),
    param.bool('isCausal', false, 'Each position attends only to itself and earlier positions.'),
  ],
  inferShapes({ in: x }, { dModel, nhead }) {
    if (dModel % nhead !== 0) throw paramError('nhead', `nhead ${nhead} must divide dModel ${dModel}`);
    expectDim('in', x, 2, dModel, 'features');
    return { out: x };
  },
  build({ dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, normFirst, bias, batchFirst, isCausal }, { seed }) {
    const module = new TransformerEncoderLayer(dModel, nhead, { dimFeedforward, dropout, activation, layerNormEps, normFirst, bias, batchFirst, seed });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x, { isCausal }) }) };
  },
  code: (p, { seed }) => ({
    imports: { nn: ['TransformerEncoderLayer'] },
    construct: `new TransformerEncoderLayer(${p.dModel}, ${p.nhead}, { dimFeedforward: ${p.dimFeedforward}, dropout: ${p.dropout}, activation: '${p.activation}', layerNormEps: ${p.layerNormEps}, normFirst: ${p.normFirst}, bias: ${p.bias}, batchFirst: ${p.batchFirst}, seed: ${seed} })`,
    call: (self, { in: x }) => `${self}.forward(${x}, { isCausal: ${p.isCausal} })`,
  }),
});

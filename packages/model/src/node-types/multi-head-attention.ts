import { MultiHeadAttention } from '@loom/nn';
import { formatType } from '../analysis/tensor-type.js';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { expectDim, float32, paramError } from './shape-rules.js';
import { ShapeError } from './shape-error.js';

/** Multi-head attention; key and value default to the query (self-attention). */
export const multiHeadAttentionNode = defineNodeType({
  type: 'MultiHeadAttention',
  category: 'layer',
  title: 'MultiHeadAttention',
  description: 'Attention in numHeads subspaces of embedDim / numHeads features; key and value default to the query.',
  inputs: [
    { name: 'query', title: 'Query', dtype: 'float32', rank: [3], doc: '[N, L, embedDim] (batchFirst)' },
    { name: 'key', title: 'Key', dtype: 'float32', rank: [3], optional: true, doc: 'Defaults to the query' },
    { name: 'value', title: 'Value', dtype: 'float32', rank: [3], optional: true, doc: 'Defaults to the key' },
  ],
  outputs: [
    { name: 'out', title: 'Output', dtype: 'float32', rank: [3] },
    { name: 'weights', title: 'Attention weights', dtype: 'float32', rank: [3], doc: '[N, L, S], averaged over heads' },
  ],
  params: [
    param.int('embedDim', 8, 'Features of queries, keys, values and output.', { min: 1 }),
    param.int('numHeads', 1, 'Heads; must divide embedDim.', { min: 1 }),
    param.float('dropout', 0, 'Dropout on the attention weights, in training.', { min: 0, max: 0.99 }),
    param.bool('bias', true, 'Learn biases in the projections.'),
    param.bool('batchFirst', true, 'Tensors are [N, L, E] (the document default); off: PyTorch’s [L, N, E].'),
    param.bool('isCausal', false, 'Each position attends only to itself and earlier positions.'),
  ],
  inferShapes({ query, key = query, value = key }, { embedDim, numHeads, batchFirst }) {
    if (embedDim % numHeads !== 0) throw paramError('numHeads', `numHeads ${numHeads} must divide embedDim ${embedDim}`);
    for (const [port, t] of [['query', query], ['key', key], ['value', value]] as const) expectDim(port, t, 2, embedDim, 'features');
    const [b, s] = batchFirst ? [0, 1] : [1, 0];
    if (key.shape[s] !== value.shape[s])
      throw new ShapeError(`key ${formatType(key)} and value ${formatType(value)} differ in sequence length`, 'value');
    return {
      out: query,
      weights: float32([query.shape[b], query.shape[s], key.shape[s]]),
    };
  },
  build({ embedDim, numHeads, dropout, bias, batchFirst, isCausal }, { seed }) {
    const module = new MultiHeadAttention(embedDim, numHeads, { dropout, bias, batchFirst, seed });
    return {
      module,
      forward: ({ query, key = query, value = key }) => {
        const { output, weights } = module.forward(query, key, value, { isCausal });
        return { out: output, weights };
      },
    };
  },
  code: ({ embedDim, numHeads, dropout, bias, batchFirst, isCausal }, { seed }) => ({
    imports: { nn: ['MultiHeadAttention'] },
    construct: `new MultiHeadAttention(${embedDim}, ${numHeads}, { dropout: ${dropout}, bias: ${bias}, batchFirst: ${batchFirst}, seed: ${seed} })`,
    call: (self, { query, key = query, value = key }) => `${self}.forward(${query}, ${key}, ${value}, { isCausal: ${isCausal} })`,
    outputs: { out: (v) => `${v}.output`, weights: (v) => `${v}.weights` },
  }),
});

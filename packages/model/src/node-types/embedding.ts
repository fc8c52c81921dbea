import { Embedding } from '@loom/nn';
import { defineNodeType } from './node-type.js';
import { param } from './param-specs.js';
import { float32, paramError } from './shape-rules.js';

/** A lookup table from int32 token ids to vectors. */
export const embeddingNode = defineNodeType({
  type: 'Embedding',
  category: 'layer',
  title: 'Embedding',
  description: 'Looks up a learned vector for each int32 id: [...] → [..., embeddingDim].',
  inputs: [{ name: 'in', title: 'Ids', dtype: 'int32', doc: 'int32 ids in [0, numEmbeddings)' }],
  outputs: [{ name: 'out', title: 'Vectors', dtype: 'float32' }],
  params: [
    param.int('numEmbeddings', 1, 'Number of distinct ids (the vocabulary size).', { min: 1 }),
    param.int('embeddingDim', 1, 'Length of each vector.', { min: 1 }),
    param.optionalInt('paddingIdx', 'An id that maps to a zero vector that never trains.', { min: 0 }),
  ],
  inferShapes({ in: x }, { numEmbeddings, embeddingDim, paddingIdx }) {
    if (paddingIdx !== null && paddingIdx >= numEmbeddings)
      throw paramError('paddingIdx', `paddingIdx ${paddingIdx} must be below numEmbeddings ${numEmbeddings}`);
    return { out: float32([...x.shape, embeddingDim]) };
  },
  build({ numEmbeddings, embeddingDim, paddingIdx }, { seed }) {
    const module = new Embedding(numEmbeddings, embeddingDim, { paddingIdx: paddingIdx ?? undefined, seed });
    return { module, forward: ({ in: x }) => ({ out: module.forward(x) }) };
  },
  code: ({ numEmbeddings, embeddingDim, paddingIdx }, { seed }) => ({
    imports: { nn: ['Embedding'] },
    construct: `new Embedding(${numEmbeddings}, ${embeddingDim}, { ${paddingIdx === null ? '' : `paddingIdx: ${paddingIdx}, `}seed: ${seed} })`,
    call: (self, { in: x }) => `${self}.forward(${x})`,
  }),
});

import { modelBuilder } from '../builder/model-builder.js';
import type { ModelDocument } from '../document/model-document.js';

/** A small Transformer encoder that learns to reverse sequences of digits. */
export function transformerTemplate(): ModelDocument {
  const b = modelBuilder('Transformer encoder', 'Reverses 8-digit sequences: embedding + positional encoding → two encoder layers → a Linear layer over the 10 digits at every position.');
  const data = b.node('dataset', { name: 'reverse-digits', samples: 2000, sequenceLength: 8 }, {}, { id: 'data' });
  let x = b.layer('Embedding', data.out('inputs'), { numEmbeddings: 10, embeddingDim: 32 }, { id: 'embed' });
  x = b.layer('PositionalEncoding', x, { dModel: 32, maxLen: 64, dropout: 0 }, { id: 'position' });
  for (const id of ['encoder1', 'encoder2'])
    x = b.layer('TransformerEncoderLayer', x, { dModel: 32, nhead: 4, dimFeedforward: 64, dropout: 0 }, { id });
  x = b.layer('Linear', x, { inFeatures: 32, outFeatures: 10 }, { id: 'head' });
  b.optimizer(b.loss(x, data.out('targets'), 'crossEntropy'), { kind: 'adam', lr: 0.001 });
  return b.training({ epochs: 10, batchSize: 32, seed: 0 }).build();
}

import { modelBuilder } from '../builder/model-builder.js';
import { aliceVocabularySize } from '../datasets/dataset-catalog.js';
import type { ModelDocument } from '../document/model-document.js';

/** A character-level LSTM language model on the opening of Alice in Wonderland. */
export function charLstmTemplate(): ModelDocument {
  const vocabulary = aliceVocabularySize();
  const b = modelBuilder('Character LSTM', 'Predicts the next character of Alice in Wonderland: embedding → LSTM → a Linear layer over the vocabulary at every step.');
  const data = b.node('dataset', { name: 'alice-text', sequenceLength: 32 }, {}, { id: 'data' });
  let x = b.layer('Embedding', data.out('inputs'), { numEmbeddings: vocabulary, embeddingDim: 32 }, { id: 'embed' }); // [N, 32, 32]
  x = b.node('LSTM', { inputSize: 32, hiddenSize: 128, batchFirst: true }, { in: x }, { id: 'lstm' }).out('out'); // [N, 32, 128]
  x = b.layer('Linear', x, { inFeatures: 128, outFeatures: vocabulary }, { id: 'head' }); // [N, 32, V]
  b.optimizer(b.loss(x, data.out('targets'), 'crossEntropy'), { kind: 'adam', lr: 0.003 });
  return b.training({ epochs: 10, batchSize: 16, seed: 0 }).build();
}

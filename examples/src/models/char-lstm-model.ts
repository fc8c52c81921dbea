import type { Tensor } from '@loom/graph';
import { Embedding, LSTM, Linear, Module } from '@loom/nn';

/** Character ids [batch, time] → next-character logits [batch, time, vocabulary]. */
export class CharLstmModel extends Module {
  readonly embedding: Embedding;
  readonly lstm: LSTM;
  readonly head: Linear;

  constructor(vocabulary: number, { embedding = 32, hidden = 128, layers = 1 } = {}) {
    super();
    this.embedding = new Embedding(vocabulary, embedding);
    this.lstm = new LSTM(embedding, hidden, { numLayers: layers, batchFirst: true });
    this.head = new Linear(hidden, vocabulary);
  }

  forward(tokens: Tensor): Tensor {
    return this.head.forward(this.lstm.forward(this.embedding.forward(tokens)).output);
  }

}

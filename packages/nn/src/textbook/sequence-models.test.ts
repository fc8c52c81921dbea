import { beforeAll, describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { manualSeed, type Tensor } from '@loom/graph';
import { aliceText, charSequences } from '@loom/data';
import { useCpu } from '../testing/use-cpu.js';
import { Module } from '../core/module.js';
import { Embedding } from '../layers/embedding.js';
import { LSTM } from '../layers/lstm.js';
import { Linear } from '../layers/linear.js';
import { PositionalEncoding } from '../layers/positional-encoding.js';
import { TransformerEncoderLayer } from '../layers/transformer-encoder-layer.js';
import { crossEntropy } from '../losses/cross-entropy.js';
import { Adam } from '../optim/adam.js';
import { fit } from '../train/fit.js';
import type { EpochEvent } from '../train/train-event.js';

beforeAll(useCpu);

const text = charSequences(aliceText, { sequenceLength: 16, stride: 8 });

/** The entropy of the text's character frequencies: what a model ignoring all context achieves at best. */
function unigramEntropy(): number {
  const counts = new Map<string, number>();
  for (const c of aliceText) counts.set(c, (counts.get(c) ?? 0) + 1);
  return -[...counts.values()].reduce((h, n) => h + (n / aliceText.length) * Math.log(n / aliceText.length), 0);
}

class CharLstm extends Module {
  readonly embedding = new Embedding(text.vocabulary.size, 16);
  readonly lstm = new LSTM(16, 48, { batchFirst: true });
  readonly head = new Linear(48, text.vocabulary.size);

  forward(tokens: Tensor): Tensor {
    return this.head.forward(this.lstm.forward(this.embedding.forward(tokens)).output);
  }
}

class CausalTransformer extends Module {
  readonly embedding = new Embedding(text.vocabulary.size, 32);
  readonly positions = new PositionalEncoding(32, { dropout: 0, batchFirst: true, maxLen: 16 });
  readonly layers = [0, 1].map(() => new TransformerEncoderLayer(32, 4, { dimFeedforward: 64, dropout: 0, batchFirst: true, normFirst: true }));
  readonly head = new Linear(32, text.vocabulary.size);

  forward(tokens: Tensor): Tensor {
    const x = this.layers.reduce((h, layer) => layer.forward(h, { isCausal: true }), this.positions.forward(this.embedding.forward(tokens)));
    return this.head.forward(x);
  }
}

async function finalLoss(model: Module & { forward(x: Tensor): Tensor }, epochs: number): Promise<number> {
  const events = await lastValueFrom(fit(model, text, { loss: crossEntropy, optimizer: new Adam(model, { lr: 1e-2, clipNorm: 1 }), epochs, batchSize: 32 }).pipe(toArray()));
  return (events.filter((e) => e.type === 'epoch').at(-1) as EpochEvent).loss;
}

describe('character-level language models on the shipped text (short CI runs)', () => {
  it('the text’s character frequencies alone give about 3 nats per character', () => {
    expect(unigramEntropy()).toBeGreaterThan(2.8);
  });

  it('an LSTM learns context: its loss falls below the unigram entropy minus 0.5 nats', async () => {
    manualSeed(1);
    expect(await finalLoss(new CharLstm(), 4)).toBeLessThan(unigramEntropy() - 0.5);
  });

  it('a 2-layer causal Transformer learns context too', async () => {
    manualSeed(2);
    expect(await finalLoss(new CausalTransformer(), 4)).toBeLessThan(unigramEntropy() - 0.5);
  });
});

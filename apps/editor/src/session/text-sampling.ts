import { fromArray } from '@loom/graph';
import type { CharVocabulary } from '@loom/data';
import type { GraphModule } from '@loom/model';
import { softmax } from '../inference/saliency.js';
import { Random } from '@loom/graph';

/**
 * Character-level sampling: feeds the last `window` characters of the text so far, turns the last
 * position's logits into probabilities at `temperature`, draws the next character, and repeats.
 * Characters of the prompt outside the vocabulary are dropped.
 */
export async function sampleCharacters(
  module: GraphModule,
  vocabulary: CharVocabulary,
  prompt: string,
  length: number,
  temperature: number,
  window: number,
  seed = 0,
): Promise<string> {
  const known =
    [...prompt].filter((c) => vocabulary.chars.includes(c)).join('') || vocabulary.chars[0];
  const ids = Array.from(vocabulary.encode(known));
  const random = new Random(seed);
  const wasTraining = module.training;
  module.eval();
  try {
    for (let i = 0; i < length; i++) {
      const context = ids.slice(-window);
      while (context.length < window) context.unshift(ids[0]);
      const logits = module.forward(fromArray(Int32Array.from(context), [1, window]));
      const values = await logits.data();
      logits.dispose();
      const v = vocabulary.size;
      const last = Array.from(
        values.subarray(values.length - v),
        (x) => x / Math.max(temperature, 1e-3),
      );
      ids.push(drawIndex(softmax(last), random.next()));
    }
  } finally {
    module.train(wasTraining);
  }
  return vocabulary.decode(ids.slice(-length));
}

/** The index whose cumulative probability first exceeds `u` in [0, 1). */
export function drawIndex(probabilities: readonly number[], u: number): number {
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    total += probabilities[i];
    if (u < total) return i;
  }
  return probabilities.length - 1;
}

import { Random, tensor, type Tensor } from '@loom/graph';
import type { CharVocabulary } from '@loom/data';

/** Draws an index from logits at a temperature (seeded). */
export function sampleIndex(logits: ArrayLike<number>, temperature: number, random: Random): number {
  const max = Math.max(...Array.from(logits));
  const weights = Array.from(logits, (v) => Math.exp((v - max) / temperature));
  let r = random.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) <= 0) return i;
  return weights.length - 1;
}

/** Continues `prompt` by `length` characters, asking `nextLogits` for the last position's logits. */
export async function generateText(
  vocabulary: CharVocabulary,
  prompt: string,
  length: number,
  nextLogits: (context: Tensor) => Promise<ArrayLike<number>>,
  { temperature = 0.8, seed = 1, window = 64 } = {},
): Promise<string> {
  const random = new Random(seed);
  const ids = Array.from(vocabulary.encode(prompt));
  for (let i = 0; i < length; i++) {
    const context = ids.slice(-window);
    ids.push(sampleIndex(await nextLogits(tensor(Int32Array.from(context), { shape: [1, context.length] })), temperature, random));
  }
  return vocabulary.decode(ids);
}

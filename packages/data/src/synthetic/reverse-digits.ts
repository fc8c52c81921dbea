import { Random } from '@loom/graph';
import { createDataset, type Dataset } from '../dataset.js';

export interface ReverseDigitsOptions {
  samples?: number;
  /** Digits per sequence. */
  length?: number;
  seed?: number;
}

/**
 * Sequences of random digits whose target is the same digits reversed: a sequence-to-sequence task
 * a small Transformer solves only by attending across positions. Inputs and targets are int32 [length].
 */
export function reverseDigits({ samples = 1000, length = 8, seed = 0 }: ReverseDigitsOptions = {}): Dataset {
  const random = new Random(seed);
  const inputs = new Int32Array(samples * length);
  const targets = new Int32Array(samples * length);
  for (let i = 0; i < samples; i++)
    for (let t = 0; t < length; t++) {
      const digit = random.int(10);
      inputs[i * length + t] = digit;
      targets[i * length + (length - 1 - t)] = digit;
    }
  const classes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return createDataset({ name: 'reverse digits', inputShape: [length], targetShape: [length], classes }, inputs, targets);
}

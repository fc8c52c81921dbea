import { createDataset, type Dataset } from '../dataset.js';
import { CharVocabulary } from './char-vocabulary.js';

export interface CharSequenceOptions {
  /** Characters per example. */
  sequenceLength: number;
  /** Characters between the starts of consecutive examples (sequenceLength by default: no overlap). */
  stride?: number;
  /** Defaults to the text's own characters. */
  vocabulary?: CharVocabulary;
}

export interface CharSequenceDataset extends Dataset {
  readonly vocabulary: CharVocabulary;
}

/**
 * Next-character prediction: each example is `sequenceLength` character ids, and its target the
 * same window shifted one character on (int32 [sequenceLength] both).
 */
export function charSequences(text: string, { sequenceLength, stride = sequenceLength, vocabulary }: CharSequenceOptions): CharSequenceDataset {
  if (!Number.isInteger(sequenceLength) || sequenceLength < 1) throw new Error(`charSequences: sequenceLength must be a positive integer, got ${sequenceLength}`);
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`charSequences: stride must be a positive integer, got ${stride}`);
  const vocab = vocabulary ?? CharVocabulary.fromText(text);
  const ids = vocab.encode(text);
  const count = ids.length > sequenceLength ? Math.floor((ids.length - sequenceLength - 1) / stride) + 1 : 0;
  if (count === 0) throw new Error(`charSequences: a text of ${text.length} characters has no window of ${sequenceLength} + 1`);
  const inputs = new Int32Array(count * sequenceLength);
  const targets = new Int32Array(count * sequenceLength);
  for (let i = 0; i < count; i++) {
    inputs.set(ids.subarray(i * stride, i * stride + sequenceLength), i * sequenceLength);
    targets.set(ids.subarray(i * stride + 1, i * stride + sequenceLength + 1), i * sequenceLength);
  }
  const dataset = createDataset(
    { name: 'characters', inputShape: [sequenceLength], targetShape: [sequenceLength], classes: vocab.chars },
    inputs,
    targets,
  );
  return { ...dataset, vocabulary: vocab };
}

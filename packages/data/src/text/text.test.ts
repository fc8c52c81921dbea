import { describe, expect, it } from 'vitest';
import { aliceText } from './alice.js';
import { CharVocabulary } from './char-vocabulary.js';
import { charSequences } from './char-sequences.js';

describe('character-level text', () => {
  it('ships a few kilobytes of plain ASCII text', () => {
    expect(aliceText.length).toBeGreaterThan(4000);
    expect(/^[\x20-\x7e\n]*$/.test(aliceText)).toBe(true);
  });

  it('encodes and decodes text through a sorted character vocabulary', () => {
    const vocab = CharVocabulary.fromText('hello world');
    expect(vocab.chars).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(vocab.decode(vocab.encode('hold'))).toBe('hold');
    expect(() => vocab.encode('z')).toThrow(/"z" \(at 0\) is not in the vocabulary/);
  });

  it('makes next-character examples whose targets are the inputs shifted by one', () => {
    const data = charSequences('abcdefghij', { sequenceLength: 4, stride: 2 });
    expect(data.size).toBe(3);
    expect(data.vocabulary.decode(data.inputs.subarray(4, 8))).toBe('cdef');
    expect(data.vocabulary.decode(data.targets.subarray(4, 8))).toBe('defg');
    expect(data.classes).toHaveLength(10);
  });
});

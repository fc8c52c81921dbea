/** Maps the distinct characters of a text to ids 0..size−1 (sorted by code point) and back. */
export class CharVocabulary {
  readonly chars: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  constructor(chars: Iterable<string>) {
    this.chars = [...new Set(chars)].sort();
    this.ids = new Map(this.chars.map((c, i) => [c, i]));
  }

  /** The vocabulary of every character in `text`. */
  static fromText(text: string): CharVocabulary {
    return new CharVocabulary(text);
  }

  get size(): number {
    return this.chars.length;
  }

  /** Character ids; a character outside the vocabulary is an error naming it. */
  encode(text: string): Int32Array {
    const out = new Int32Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const id = this.ids.get(text[i]);
      if (id === undefined) throw new Error(`CharVocabulary: ${JSON.stringify(text[i])} (at ${i}) is not in the vocabulary`);
      out[i] = id;
    }
    return out;
  }

  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) {
      const c = this.chars[ids[i]];
      if (c === undefined) throw new Error(`CharVocabulary: id ${ids[i]} is out of range (size ${this.size})`);
      text += c;
    }
    return text;
  }
}

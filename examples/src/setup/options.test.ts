import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions', () => {
  it('overrides defaults with --name value pairs', () => {
    expect(parseOptions(['--epochs', '3', '--lr', '0.5'], { epochs: 10, lr: 0.01, seed: 1 })).toEqual({ epochs: 3, lr: 0.5, seed: 1 });
  });

  it('names the known options when given an unknown one, and refuses non-numbers', () => {
    expect(() => parseOptions(['--epoch', '3'], { epochs: 10 })).toThrow(/unknown option --epoch \(options: --epochs\)/);
    expect(() => parseOptions(['--epochs', 'many'], { epochs: 10 })).toThrow(/needs a number, got many/);
  });
});

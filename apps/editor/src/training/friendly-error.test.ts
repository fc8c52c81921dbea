import { describe, expect, it } from 'vitest';
import { friendlyError } from './friendly-error.js';

describe('friendlyError', () => {
  it('explains a missing dataset node without naming internals', () => {
    const text = friendlyError(
      'resolveDataset: "Untitled model" has no dataset node (the last good weights are kept)',
    );
    expect(text).toMatch(/no dataset node/);
    expect(text).not.toMatch(/resolveDataset|last good weights/);
  });

  it('drops function-name prefixes and ends with a full stop', () => {
    expect(friendlyError('compileModel: reshape "r1" cannot run inside a model')).toBe(
      'Reshape "r1" cannot run inside a model.',
    );
    expect(friendlyError('Cannot compile "m": the graph is empty')).toBe('The graph is empty.');
  });

  it('suggests a smaller learning rate for a NaN loss', () => {
    expect(friendlyError('fit: the loss became NaN at step 12')).toBe(
      'The loss became NaN at step 12. Try a smaller learning rate.',
    );
  });
});

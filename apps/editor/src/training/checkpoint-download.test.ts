import { describe, expect, it } from 'vitest';
import { checkpointFileName } from './checkpoint-download.js';

describe('checkpointFileName', () => {
  it('turns the document name into a kebab-case .loomckpt file name', () => {
    expect(checkpointFileName('MNIST MLP (v2)')).toBe('mnist-mlp-v2.loomckpt');
  });

  it('falls back to "model" for a name without letters or digits', () => {
    expect(checkpointFileName('  ✨ ')).toBe('model.loomckpt');
  });
});

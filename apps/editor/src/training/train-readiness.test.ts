import { describe, expect, it } from 'vitest';
import { trainBlocker } from './train-readiness.js';

describe('trainBlocker', () => {
  it('blocks an empty graph', () => {
    expect(trainBlocker({ nodeCount: 0, errorCount: 0, hasDataset: false })).toMatch(/template/);
  });

  it('counts the problems to fix', () => {
    expect(trainBlocker({ nodeCount: 3, errorCount: 2, hasDataset: true })).toBe(
      'Fix 2 problems first',
    );
    expect(trainBlocker({ nodeCount: 3, errorCount: 1, hasDataset: true })).toBe(
      'Fix 1 problem first',
    );
  });

  it('asks for a dataset node, and lets a valid model train', () => {
    expect(trainBlocker({ nodeCount: 3, errorCount: 0, hasDataset: false })).toMatch(/dataset/);
    expect(trainBlocker({ nodeCount: 3, errorCount: 0, hasDataset: true })).toBeUndefined();
  });
});

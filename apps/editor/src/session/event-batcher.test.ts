import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBatcher } from './event-batcher.js';
import type { SessionEvent } from './protocol.js';

const batch = (step: number): SessionEvent => ({
  kind: 'batch',
  point: { step, epoch: 0, batch: step, batches: 10, loss: 1, samplesPerSecond: 1, batchSize: 1 },
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('EventBatcher', () => {
  it('sends batch events together once the interval has passed', () => {
    const sent: SessionEvent[][] = [];
    const batcher = new EventBatcher((events) => sent.push(events), 100);
    batcher.push(batch(0));
    batcher.push(batch(1));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(sent.map((events) => events.length)).toEqual([2]);
  });

  it('sends an ending event at once, after the batches before it, in order', () => {
    const sent: SessionEvent[][] = [];
    const batcher = new EventBatcher((events) => sent.push(events), 100);
    batcher.push(batch(0));
    batcher.push({ kind: 'failed', message: 'NaN', steps: 1 });
    expect(sent.map((events) => events.map((e) => e.kind))).toEqual([['batch', 'failed']]);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(1);
  });
});

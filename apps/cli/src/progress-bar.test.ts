import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressReporter, renderProgress, type ProgressState } from './progress-bar.js';

const state = (batch: number, extra: Partial<ProgressState> = {}): ProgressState => ({
  epoch: 0,
  epochs: 2,
  batch,
  batches: 10,
  loss: 0.5,
  accuracy: 0.875,
  samplesPerSecond: 5230.4,
  etaSeconds: 75,
  ...extra,
});

describe('progress bar', () => {
  it('shows epoch, bar, step, loss, accuracy, samples/s and ETA on one line', () => {
    expect(renderProgress(state(5), 10)).toBe('epoch 1/2 [=====     ] 5/10  loss 0.5000  acc 87.5%  5,230 samples/s  ETA 1:15');
  });

  it('leaves out accuracy for regression and the ETA before it is known', () => {
    expect(renderProgress(state(1, { accuracy: undefined, etaSeconds: undefined }), 4)).toBe('epoch 1/2 [    ] 1/10  loss 0.5000  5,230 samples/s');
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect([formatDuration(5), formatDuration(75), formatDuration(3723)]).toEqual(['0:05', '1:15', '1:02:03']);
  });

  it('redraws one line in place on a terminal', () => {
    let text = '';
    let now = 0;
    const reporter = new ProgressReporter({ write: (t) => (text += t), isTTY: true, columns: 120 }, () => now);
    for (let batch = 1; batch <= 10; batch++) {
      now += 50;
      reporter.update(state(batch));
    }
    reporter.done('epoch 1/2  loss 0.5');
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toContain('\r');
    expect(text.match(/\r/g)!.length).toBeLessThan(10); // throttled
    expect(text).toContain('10/10');
  });

  it('prints plain lines, about one per tenth of an epoch, when stdout is not a terminal', () => {
    let text = '';
    const reporter = new ProgressReporter({ write: (t) => (text += t), isTTY: false });
    for (let batch = 1; batch <= 100; batch++) reporter.update({ ...state(batch), batches: 100 });
    reporter.done('epoch 1/2  loss 0.5');
    const lines = text.trimEnd().split('\n');
    expect(text).not.toContain('\r');
    expect(text).not.toContain('\x1b');
    expect(lines.length).toBeGreaterThanOrEqual(9);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toBe('epoch 1/2  loss 0.5');
  });
});

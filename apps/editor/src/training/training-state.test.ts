import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/protocol.js';
import {
  appendPoint,
  initialTrainingState,
  isRunning,
  canStop,
  statusText,
  trainingReducer,
  type TrainingState,
} from './training-state.js';

const batch = (step: number, loss: number, samplesPerSecond = 6400): SessionEvent => ({
  kind: 'batch',
  point: {
    step,
    epoch: 0,
    batch: step,
    batches: 100,
    loss,
    accuracy: 0.5,
    samplesPerSecond,
    batchSize: 64,
  },
});

function run(events: SessionEvent[], from: TrainingState = initialTrainingState): TrainingState {
  return trainingReducer(trainingReducer(from, { kind: 'train-requested' }), {
    kind: 'session-events',
    events,
  });
}

describe('trainingReducer', () => {
  it('adds one chart point per batch, numbered from step 1', () => {
    const state = run([
      { kind: 'started', totalSteps: 10, batchSize: 64, trainExamples: 640 },
      batch(0, 2.3),
      batch(1, 2.1),
    ]);
    expect(state.status).toBe('training');
    expect(state.batches.x).toEqual([1, 2]);
    expect(state.batches.loss).toEqual([2.3, 2.1]);
    expect(state.batches.accuracy).toEqual([0.5, 0.5]);
    expect(state.step).toBe(2);
  });

  it('estimates the time left from the smoothed rate', () => {
    const state = run([
      { kind: 'started', totalSteps: 102, batchSize: 64, trainExamples: 6400 },
      batch(0, 2, 6400),
      batch(1, 2, 6400),
    ]);
    expect(state.samplesPerSecond).toBe(6400);
    // 100 steps of 64 examples at 6,400 per second
    expect(state.eta).toBeCloseTo(1, 6);
  });

  it('keeps the charts and records the message when training fails', () => {
    const state = run([
      batch(0, 2.3),
      { kind: 'failed', message: 'fit: the loss became NaN at step 1', steps: 1 },
    ]);
    expect(state.status).toBe('failed');
    expect(state.error).toMatch(/NaN/);
    expect(state.batches.loss).toEqual([2.3]);
    expect(isRunning(state)).toBe(false);
  });

  it('starts a new run with empty charts but keeps the backend and the weights', () => {
    const done = run([
      { kind: 'backend', report: { choice: 'cpu', name: 'pool', reason: 'selected' } },
      batch(0, 2),
      { kind: 'weights', info: { steps: 1, savedAt: 'now', restored: false } },
      { kind: 'finished', reason: 'completed', steps: 1 },
    ]);
    const again = trainingReducer(done, { kind: 'train-requested' });
    expect(again.batches.x).toEqual([]);
    expect(again.backend?.name).toBe('pool');
    expect(again.weights?.steps).toBe(1);
    expect(isRunning(again)).toBe(true);
  });

  it('moves to stopping on Stop only while a run is in flight', () => {
    expect(trainingReducer(initialTrainingState, { kind: 'stop-requested' }).status).toBe('idle');
    expect(trainingReducer(run([batch(0, 1)]), { kind: 'stop-requested' }).status).toBe('stopping');
  });

  it('takes the test evaluation from saved weights', () => {
    const evaluation = {
      loss: 0.3,
      accuracy: 0.91,
      examples: 10,
      classes: ['0', '1'],
      confusion: [
        [5, 0],
        [1, 4],
      ],
    };
    const state = run([
      { kind: 'weights', info: { steps: 300, savedAt: 'then', restored: true, evaluation } },
    ]);
    expect(state.evaluation?.accuracy).toBe(0.91);
  });
});

describe('switching models', () => {
  const trained = () => {
    const evaluation = { loss: 0.3, accuracy: 0.9, examples: 2, classes: ['0'], confusion: [[2]] };
    return run([
      { kind: 'started', totalSteps: 60, batchSize: 64, trainExamples: 640 },
      batch(0, 2.3),
      { kind: 'epoch', point: { epoch: 0, epochs: 1, loss: 2, accuracy: 0.5 } },
      { kind: 'evaluation', evaluation },
      { kind: 'weights', info: { steps: 60, savedAt: 'now', restored: false, evaluation } },
      { kind: 'finished', reason: 'completed', steps: 60 },
    ]);
  };

  it("forgets the previous model's run, charts, evaluation and weights", () => {
    const before = {
      ...trained(),
      backend: { choice: 'cpu', name: 'cpu', reason: 'asked' } as const,
    };
    const after = trainingReducer(before, { kind: 'model-changed' });
    expect(after.status).toBe('idle');
    expect(after.batches.x).toEqual([]);
    expect(after.epochs.x).toEqual([]);
    expect(after.evaluation).toBeUndefined();
    expect(after.weights).toBeUndefined();
    expect(after.step).toBe(0);
    expect(after.backend).toEqual(before.backend);
    expect(statusText(after)).toBe('Not trained yet');
  });

  it('leaves a run in flight alone', () => {
    const running = run([batch(0, 2)]);
    expect(trainingReducer(running, { kind: 'model-changed' })).toBe(running);
  });

  it('shows imported weights with their evaluation in place of the last run', () => {
    const evaluation = { loss: 0.2, accuracy: 0.93, examples: 2, classes: ['0'], confusion: [[2]] };
    const info = {
      steps: 0,
      savedAt: 'now',
      restored: false,
      importedFrom: 'mlp.onnx',
      evaluation,
    };
    const after = trainingReducer(trained(), {
      kind: 'session',
      event: { kind: 'weights-replaced', info },
    });
    expect(after.status).toBe('idle');
    expect(after.batches.x).toEqual([]);
    expect(after.weights).toEqual(info);
    expect(after.evaluation?.accuracy).toBe(0.93);
    expect(statusText(after)).toBe('Weights imported from mlp.onnx');
  });
});

describe('progress of a continued run', () => {
  it("counts this run's steps against this run's total, and the weights' steps apart", () => {
    const state = run([
      { kind: 'started', totalSteps: 2, batchSize: 64, trainExamples: 640 },
      batch(300, 2.3),
      batch(301, 2.1),
    ]);
    expect(state.runStep).toBe(2);
    expect(state.step).toBe(302);
    expect(state.eta).toBe(0);
  });

  it('hides the ETA and disables Stop once a stop is asked for or the run evaluates', () => {
    const training = run([
      { kind: 'started', totalSteps: 10, batchSize: 64, trainExamples: 640 },
      batch(0, 2),
    ]);
    expect(canStop(training)).toBe(true);
    const stopping = trainingReducer(training, { kind: 'stop-requested' });
    expect(canStop(stopping)).toBe(false);
    expect(stopping.eta).toBeUndefined();
    const evaluating = trainingReducer(training, {
      kind: 'session',
      event: { kind: 'phase', phase: 'evaluating', detail: 'evaluating on the test set' },
    });
    expect(canStop(evaluating)).toBe(false);
    expect(evaluating.eta).toBeUndefined();
  });

  it('says how a run ended in one phrase', () => {
    const done = run([{ kind: 'finished', reason: 'completed', steps: 300 }]);
    expect(statusText(done)).toBe('Completed after 300 steps');
    const failed = run([{ kind: 'failed', message: 'x', steps: 0 }]);
    expect(statusText(failed)).toBe('Failed before the first step');
  });
});

describe('appendPoint', () => {
  it('halves a series that grows past the limit, keeping the newest point', () => {
    let s = { x: [] as number[], loss: [] as number[], accuracy: [] as (number | null)[] };
    for (let i = 1; i <= 5; i++) s = appendPoint(s, i, i * 10, undefined, 4);
    expect(s.x).toEqual([1, 3, 5]);
    expect(s.loss).toEqual([10, 30, 50]);
    expect(s.accuracy).toEqual([null, null, null]);
  });
});

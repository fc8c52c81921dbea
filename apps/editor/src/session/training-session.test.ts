import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '@loom/nn';
import { templateDocument } from '@loom/model';
import type { ModelDocument } from '../model.js';
import type { SessionEvent } from './protocol.js';
import { TrainingSession } from './training-session.js';

/** The linear-regression template (data made in-package), with the optimizer's params replaced. */
function regression(optimizer: Record<string, number | string> = {}): ModelDocument {
  const doc = templateDocument('linear-regression');
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.type === 'optimizer' ? { ...n, params: { ...n.params, ...optimizer } } : n,
    ),
  };
}

/** What the current run has reported so far. */
const received: SessionEvent[] = [];

async function train(
  session: TrainingSession,
  document: ModelDocument,
  maxSteps?: number,
  onBatch?: () => void,
) {
  received.length = 0;
  await session.train({ document, backend: 'cpu', ...(maxSteps ? { maxSteps } : {}) }, (batch) => {
    received.push(...batch);
    if (batch.some((e) => e.kind === 'batch')) onBatch?.();
  });
  return [...received];
}

/** The model's weights (not the optimizer's state) as one list. */
const finalWeights = async (session: TrainingSession) =>
  [...decodeCheckpoint(await session.checkpoint()).arrays]
    .filter(([name]) => name.startsWith('model.'))
    .flatMap(([, a]) => Array.from(a.data));

describe('TrainingSession (CPU kernels in the worker pool)', () => {
  it('trains for the steps asked, reports every batch in order, then saves the weights', async () => {
    const session = new TrainingSession();
    const events = await train(session, regression(), 12);
    const steps = events.flatMap((e) => (e.kind === 'batch' ? [e.point.step] : []));
    expect(steps).toEqual([...Array(12).keys()]);
    expect(events.find((e) => e.kind === 'backend')).toMatchObject({
      report: { name: 'cpu', choice: 'cpu' },
    });
    expect(events.at(-2)).toMatchObject({ kind: 'weights', info: { steps: 12, restored: false } });
    expect(events.at(-1)).toEqual({ kind: 'finished', reason: 'completed', steps: 12 });
  }, 60_000);

  it('continues from the trained weights in the next run of the same layers', async () => {
    const session = new TrainingSession();
    await train(session, regression(), 5);
    const events = await train(session, regression({ lr: 0.01 }), 5);
    expect(events.find((e) => e.kind === 'batch')).toMatchObject({ point: { step: 5 } });
  }, 60_000);

  it('stops when asked: no step after the one in flight is reported', async () => {
    const session = new TrainingSession();
    let seen = -1;
    // Many epochs, so the run outlasts the event batcher's first flush (≤ 250 ms) on a fast machine.
    const base = regression();
    const long: ModelDocument = {
      ...base,
      training: { batchSize: 32, ...base.training, epochs: 200 },
    };
    const events = await train(session, long, undefined, () => {
      if (seen >= 0) return;
      session.stop();
      seen = received.filter((e) => e.kind === 'batch').length;
    });
    const last = events.at(-1);
    expect(last).toMatchObject({ kind: 'finished', reason: 'stopped' });
    expect(events.filter((e) => e.kind === 'batch').length).toBeLessThanOrEqual(seen + 1);
    // Stopped well short of the run's end (how far it got before the first flush depends on the machine).
    const started = events.find((e) => e.kind === 'started');
    expect(started?.kind === 'started' && started.totalSteps).toBeGreaterThan(6000);
    expect(last?.kind === 'finished' && last.steps).toBeLessThan(1500);
  }, 60_000);

  it('reports a diverging loss as a failure naming the step, and keeps finite weights', async () => {
    const session = new TrainingSession();
    const events = await train(session, regression({ lr: 10 }), 500);
    const failure = events.at(-1);
    expect(failure?.kind).toBe('failed');
    expect(failure?.kind === 'failed' && failure.message).toMatch(
      /the loss became (NaN|Infinity) at step \d+/,
    );
    expect((await finalWeights(session)).every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('restores autosaved weights into a fresh session', async () => {
    const trained = new TrainingSession();
    await train(trained, regression(), 8);
    const before = await finalWeights(trained);
    const fresh = new TrainingSession();
    const info = await fresh.restore(regression({ lr: 0.05 }));
    expect(info).toMatchObject({ steps: 8, restored: true });
    expect(await finalWeights(fresh)).toEqual(before);
  }, 60_000);

  it('reports the weights in memory for the same layers, and forgets them on reset', async () => {
    const session = new TrainingSession();
    await train(session, regression(), 4);
    expect(await session.restore(regression({ lr: 0.05 }))).toMatchObject({ steps: 4 });
    await session.resetWeights(regression());
    expect(await session.restore(regression())).toBeUndefined();
    await expect(session.checkpoint()).rejects.toThrow();
    const events = await train(session, regression(), 2);
    expect(events.find((e) => e.kind === 'batch')).toMatchObject({ point: { step: 0 } });
  }, 60_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { lastValueFrom, toArray } from 'rxjs';
import { take, type Dataset } from '@loom/data';
import { loadMnist } from '@loom/data/node';
import type { BatchEvent, TrainEvent } from '@loom/nn';
import { resolveDataset } from '../datasets/resolve-dataset.js';
import { templates, templateDocument } from '../templates/templates.js';
import { useCpu } from '../testing/use-cpu.js';
import { fitDocument } from './fit-document.js';

beforeAll(useCpu);

const provider = { mnist: () => loadMnist({ trainSize: 48, testSize: 16 }) };

describe('fitDocument', () => {
  it.each(templates.map((t) => [t.id] as const))('%s compiles and trains a few steps', async (id) => {
    const doc = templateDocument(id);
    const { train } = await resolveDataset(doc, provider);
    const data: Dataset = take(train, 48);
    const { compiled, events$ } = fitDocument(doc, { data: { train: data }, epochs: 1, batchSize: 16 });
    const before = await Promise.all(compiled.module.parameters().map((p) => p.data()));
    const events = await lastValueFrom(events$.pipe(toArray()));
    const batches = events.filter((e): e is BatchEvent => e.type === 'batch');
    expect(batches.map((e) => e.step)).toEqual([0, 1, 2]);
    expect(batches.every((e) => Number.isFinite(e.loss) && e.loss > 0)).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'epoch', epoch: 0 });
    const after = await Promise.all(compiled.module.parameters().map((p) => p.data()));
    // Every parameter tensor moved: the optimizer reached the whole graph.
    after.forEach((values, i) => expect(values.some((v, j) => v !== before[i][j]), compiled.module.namedParameters()[i][0]).toBe(true));
  });

  it('lowers the loss of linear regression over its epochs', async () => {
    const doc = templateDocument('linear-regression');
    const { events$ } = fitDocument(doc, { data: await resolveDataset(doc) });
    const epochs = (await lastValueFrom(events$.pipe(toArray()))).filter((e) => e.type === 'epoch');
    expect(epochs).toHaveLength(3);
    expect(epochs[2].loss).toBeLessThan(epochs[0].loss / 10);
  });

  it('evaluates the test set after each epoch when one is given', async () => {
    const doc = templateDocument('mlp');
    const { train, test } = await resolveDataset(doc, provider);
    const { events$ } = fitDocument(doc, { data: { train, test }, epochs: 1, batchSize: 24 });
    const epoch = (await lastValueFrom(events$.pipe(toArray()))).find((e) => e.type === 'epoch');
    expect(epoch).toMatchObject({ valLoss: expect.any(Number), valAccuracy: expect.any(Number) });
  });

  it('stops and completes when its signal aborts', async () => {
    const doc = templateDocument('linear-regression');
    const controller = new AbortController();
    const { events$ } = fitDocument(doc, { data: await resolveDataset(doc), signal: controller.signal });
    const events: TrainEvent[] = [];
    await new Promise<void>((resolve, reject) =>
      events$.subscribe({
        next: (e) => {
          events.push(e);
          if (events.length === 2) controller.abort();
        },
        error: reject,
        complete: resolve,
      }),
    );
    expect(events).toHaveLength(2);
  });
});

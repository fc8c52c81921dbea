import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '@loom/nn';
import { exportOnnx, templateDocument } from '@loom/model';
import type { ModelDocument } from '../model.js';
import { TrainingSession } from './training-session.js';

/** The linear-regression template: its data is made in-package, so the session needs no MNIST. */
const regression = () => templateDocument('linear-regression');

async function trainedSession(steps: number): Promise<TrainingSession> {
  const session = new TrainingSession();
  await session.train({ document: regression(), backend: 'cpu', maxSteps: steps }, () => undefined);
  return session;
}

/** The model's weights (not the optimizer's state) as one list. */
const weightsOf = async (session: TrainingSession) =>
  [...decodeCheckpoint(await session.checkpoint()).arrays]
    .filter(([name]) => name.startsWith('model.'))
    .flatMap(([, a]) => Array.from(a.data));

describe('ONNX through the training session', () => {
  it('exports the trained weights, and a never-trained model’s initial ones marked untrained', async () => {
    const trained = await trainedSession(6);
    const exported = await trained.exportOnnx(regression());
    expect(exported.trained).toBe(true);
    expect(exported.bytes.byteLength).toBeGreaterThan(0);
    expect((await new TrainingSession().exportOnnx(regression())).trained).toBe(false);
  }, 60_000);

  it('makes an imported file’s document and weights the session’s, and autosaves them', async () => {
    const trained = await trainedSession(6);
    const { bytes } = await trained.exportOnnx(regression());
    const fresh = new TrainingSession();
    const { document, info } = await fresh.importOnnx(bytes, 'regression.onnx');
    expect(document).toEqual(regression());
    expect(info).toMatchObject({ steps: 0, restored: false, importedFrom: 'regression.onnx' });
    expect(await weightsOf(fresh)).toEqual(await weightsOf(trained));
    // Autosaved like trained weights: another session (a reload) finds them.
    expect(await new TrainingSession().restore(document)).toMatchObject({
      restored: true,
      importedFrom: 'regression.onnx',
    });
  }, 60_000);

  it('imports a model without a dataset or weights (fed by code), with nothing to evaluate', async () => {
    const relu: ModelDocument = {
      format: 'loom-model',
      version: 1,
      name: 'relu',
      nodes: [
        { id: 'x', type: 'input', params: { shape: [4] } },
        { id: 'act', type: 'ReLU', params: {} },
        { id: 'y', type: 'output', params: {} },
      ],
      edges: [
        { id: 'e1', from: { node: 'x', port: 'out' }, to: { node: 'act', port: 'in' } },
        { id: 'e2', from: { node: 'act', port: 'out' }, to: { node: 'y', port: 'in' } },
      ],
    };
    const bytes = await exportOnnx(relu, {});
    const { document, info } = await new TrainingSession().importOnnx(
      new Uint8Array(bytes).buffer,
      'relu.onnx',
    );
    expect(document.nodes.map((n) => n.id)).toEqual(['x', 'act', 'y']);
    expect(info.evaluation).toBeUndefined();
  }, 60_000);

  it('refuses a malformed file without touching the weights it has', async () => {
    const session = await trainedSession(3);
    const before = await weightsOf(session);
    await expect(session.importOnnx(new Uint8Array([1, 2, 3]).buffer, 'odd.onnx')).rejects.toThrow(
      /importOnnx/,
    );
    expect(await weightsOf(session)).toEqual(before);
  }, 60_000);
});

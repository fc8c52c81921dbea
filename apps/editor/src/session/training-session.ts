import { batchCount } from '@loom/data';
import { fit, loadCheckpoint, saveCheckpoint, type TrainEvent } from '@loom/nn';
import { transfer } from 'comlink';
import type { Subscription } from 'rxjs';
import type { ModelDocument } from '../model.js';
import { selectBackend } from './backend-choice.js';
import { structureKey, weightsKey } from './document-structure.js';
import { inspectLayer } from './layer-inspection.js';
import { predictImage } from './prediction.js';
import { previewDocument, type PreviewCache } from './preview-runner.js';
import type {
  BackendChoice,
  BackendReport,
  LayerInspection,
  OnnxExport,
  OnnxImport,
  Prediction,
  PreviewResult,
  SessionApi,
  SessionEvent,
  SessionListener,
  TestEvaluation,
  TrainRequest,
  WeightsInfo,
} from './protocol.js';
import { resolveSessionData, resolveSessionDataIfAny, type SessionData } from './session-data.js';
import { compileSessionModel, type SessionModel } from './session-model.js';
import { evaluateOnTest } from './test-evaluation.js';
import { sampleCharacters } from './text-sampling.js';
import { WeightsStore } from './weights-store.js';
import { EventBatcher } from './event-batcher.js';

/** How often (in steps) the last good weights are kept in memory, to fall back to after a failure. */
const snapshotEvery = 50;

interface Trained {
  /** weightsKey of the document: which weights these are. */
  structure: string;
  /** structureKey of the document the model was compiled from (its loss and optimizer too). */
  semantic: string;
  document: ModelDocument;
  model: SessionModel;
  /** Undefined for a model without a dataset node (an imported one): it cannot predict or be tested. */
  data: SessionData | undefined;
  steps: number;
  /** Counts restores and training runs, so previews of the weights know when they changed. */
  version: number;
  evaluation?: TestEvaluation;
  /** What was last saved or restored for these weights. */
  info?: WeightsInfo;
}

/** ONNX reading and writing (protobufjs) load on first use: the worker starts without them. */
const loadOnnxExchange = () => import('./onnx-exchange.js');

/**
 * The training session that runs in its own worker: it resolves the document's dataset, compiles
 * the model, trains it with @loom/nn's fit() on the selected backend (kernels in the worker pool or
 * on WebGPU), evaluates it, autosaves the weights to IndexedDB, and answers inference requests.
 */
export class TrainingSession implements SessionApi {
  #backend: BackendReport | undefined;
  #trained: Trained | undefined;
  #stop: (() => void) | undefined;
  #store: WeightsStore | undefined;
  readonly #previewCache: PreviewCache = new Map();

  async selectBackend(choice: BackendChoice): Promise<BackendReport> {
    if (this.#stop) throw new Error('the backend cannot change while training; stop first');
    this.#backend = await selectBackend(choice);
    return this.#backend;
  }

  async train({ document, backend, maxSteps }: TrainRequest, send: SessionListener): Promise<void> {
    if (this.#stop) throw new Error('training is already running');
    const batcher = new EventBatcher(send);
    const listener = (event: SessionEvent) => batcher.push(event);
    let stopped = false;
    this.#stop = () => (stopped = true);
    let steps = 0;
    try {
      listener({ kind: 'phase', phase: 'loading-data', detail: 'loading the dataset' });
      const data = await resolveSessionData(document);
      if (this.#backend?.choice !== backend) this.#backend = await selectBackend(backend);
      listener({ kind: 'backend', report: this.#backend });
      listener({ kind: 'phase', phase: 'compiling', detail: 'compiling the model' });
      const trained = await this.#continueOrCompile(document, data);
      const { model } = trained;
      const perEpoch = batchCount(data.train, { batchSize: model.batchSize });
      const totalSteps = Math.min(maxSteps ?? Infinity, perEpoch * model.epochs);
      // Enough epochs to reach maxSteps even when it is more than the document's epochs cover.
      const epochs =
        maxSteps === undefined ? model.epochs : Math.max(1, Math.ceil(maxSteps / perEpoch));
      listener({
        kind: 'started',
        totalSteps: maxSteps ?? totalSteps,
        batchSize: model.batchSize,
        trainExamples: data.train.size,
      });
      let snapshot = await saveCheckpoint(model.module);
      const outcome = await new Promise<'completed' | 'stopped'>((resolve, reject) => {
        let subscription: Subscription | undefined = undefined;
        const finish = (reason: 'completed' | 'stopped') => {
          subscription?.unsubscribe();
          resolve(reason);
        };
        this.#stop = () => finish('stopped');
        if (stopped) return finish('stopped');
        subscription = fit(model.module, data.train, {
          loss: model.loss,
          optimizer: model.optimizer,
          epochs,
          batchSize: model.batchSize,
          seed: model.seed + trained.steps,
        }).subscribe({
          next: (event: TrainEvent) => {
            if (event.type === 'batch') {
              steps++;
              trained.steps++;
              const { step: _, type: __, ...point } = event;
              listener({
                kind: 'batch',
                point: { ...point, step: trained.steps - 1, batchSize: model.batchSize },
              });
              if (steps % snapshotEvery === 0)
                void saveCheckpoint(model.module).then(
                  (bytes) => (snapshot = bytes),
                  () => undefined,
                );
              if (maxSteps !== undefined && steps >= maxSteps) finish('completed');
            } else if (event.type === 'epoch') {
              const { type: _, seconds: __, ...point } = event;
              listener({ kind: 'epoch', point });
            }
          },
          error: reject,
          complete: () => finish('completed'),
        });
      }).catch(async (error: unknown) => {
        // A failed step may have written NaNs into the weights: go back to the last good ones.
        await loadCheckpoint(snapshot, model.module).catch(() => undefined);
        trained.steps -= steps % snapshotEvery;
        throw error;
      });
      this.#stop = undefined;
      listener({ kind: 'phase', phase: 'evaluating', detail: 'evaluating on the test set' });
      trained.evaluation = await evaluateOnTest(model.module, data.test);
      if (trained.evaluation) listener({ kind: 'evaluation', evaluation: trained.evaluation });
      listener({ kind: 'weights', info: await this.#autosave(trained) });
      listener({ kind: 'finished', reason: outcome, steps });
    } catch (error) {
      listener({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
        steps,
      });
    } finally {
      this.#stop = undefined;
      batcher.flush();
    }
  }

  stop(): void {
    this.#stop?.();
  }

  /**
   * Keeps training the current weights when the layers are unchanged (recompiling, with the weights
   * carried over, when only the loss, optimizer or data settings changed); otherwise starts afresh.
   */
  async #continueOrCompile(document: ModelDocument, data: SessionData): Promise<Trained> {
    const structure = weightsKey(document);
    const semantic = structureKey(document);
    const current = this.#trained;
    if (current && current.structure === structure) {
      if (current.semantic !== semantic) {
        const model = compileSessionModel(document);
        await model.module.loadStateDict(current.model.module.stateDict());
        Object.assign(current, { model, semantic });
      }
      current.data = data;
      current.document = document;
      current.version++;
      return current;
    }
    const model = compileSessionModel(document);
    this.#trained = {
      structure,
      semantic,
      document,
      model,
      data,
      steps: 0,
      version: (current?.version ?? 0) + 1,
    };
    return this.#trained;
  }

  #weightsStore(): WeightsStore {
    this.#store ??= new WeightsStore();
    return this.#store;
  }

  async #autosave(trained: Trained, importedFrom?: string): Promise<WeightsInfo> {
    const info: WeightsInfo = {
      steps: trained.steps,
      savedAt: new Date().toISOString(),
      restored: false,
      ...(trained.evaluation ? { evaluation: trained.evaluation } : {}),
      ...(importedFrom ? { importedFrom } : {}),
    };
    const checkpoint = await saveCheckpoint(trained.model.module, undefined, {
      steps: trained.steps,
      document: trained.document.name,
    });
    await this.#weightsStore().save({
      structure: trained.structure,
      documentName: trained.document.name,
      checkpoint,
      info,
      savedAt: Date.now(),
    });
    trained.info = info;
    return info;
  }

  async restore(document: ModelDocument): Promise<WeightsInfo | undefined> {
    if (this.#stop) return undefined;
    const structure = weightsKey(document);
    // The weights in memory are at least as new as the saved ones.
    if (this.#trained?.structure === structure) return this.#trained.info;
    const saved = await this.#weightsStore().load(structure);
    if (!saved) return undefined;
    if (!this.#backend) this.#backend = await selectBackend('auto');
    const data = await resolveSessionDataIfAny(document);
    const model = compileSessionModel(document);
    await loadCheckpoint(saved.checkpoint, model.module);
    this.#trained = {
      structure,
      semantic: structureKey(document),
      document,
      model,
      data,
      steps: saved.info.steps,
      version: (this.#trained?.version ?? 0) + 1,
      ...(saved.info.evaluation ? { evaluation: saved.info.evaluation } : {}),
      info: { ...saved.info, restored: true },
    };
    return { ...saved.info, restored: true };
  }

  async resetWeights(document: ModelDocument): Promise<void> {
    if (this.#stop) throw new Error('stop training before resetting the weights');
    const structure = weightsKey(document);
    if (this.#trained?.structure === structure) this.#trained = undefined;
    await this.#weightsStore().remove(structure);
  }

  async checkpoint(): Promise<ArrayBuffer> {
    const trained = this.#requireTrained();
    return saveCheckpoint(trained.model.module, trained.model.optimizer, {
      steps: trained.steps,
      document: trained.document.name,
    });
  }

  async exportOnnx(document: ModelDocument): Promise<OnnxExport> {
    const trained = this.#trained?.structure === weightsKey(document) ? this.#trained : undefined;
    if (!this.#backend) this.#backend = await selectBackend('auto');
    // Never trained: the initial weights, as the first training step would start from them.
    const module = trained?.model.module ?? compileSessionModel(document).module;
    const { onnxBytes } = await loadOnnxExchange();
    const bytes = await onnxBytes(document, module);
    return transfer({ bytes, trained: trained !== undefined }, [bytes]);
  }

  async importOnnx(bytes: ArrayBuffer, fileName: string): Promise<OnnxImport> {
    if (this.#stop) throw new Error('stop training before importing a model');
    if (!this.#backend) this.#backend = await selectBackend('auto');
    // Nothing of the session changes until the file has been read, compiled and evaluated.
    const { modelFromOnnx } = await loadOnnxExchange();
    const { document, model } = await modelFromOnnx(new Uint8Array(bytes));
    const data = await resolveSessionDataIfAny(document);
    const evaluation = data && (await evaluateOnTest(model.module, data.test));
    const trained: Trained = {
      structure: weightsKey(document),
      semantic: structureKey(document),
      document,
      model,
      data,
      steps: 0,
      version: (this.#trained?.version ?? 0) + 1,
      ...(evaluation ? { evaluation } : {}),
    };
    const info = await this.#autosave(trained, fileName);
    this.#trained = trained;
    return { document, info };
  }

  async predict(image: Float32Array): Promise<Prediction> {
    const { model, data } = this.#requireTrained();
    if (data?.kind !== 'image' || !data.test.classes)
      throw new Error('this model does not classify images');
    return predictImage(model.module, image, data.test.inputShape, data.test.classes);
  }

  async inspect(nodeId: string): Promise<LayerInspection> {
    const { model, data } = this.#requireTrained();
    if (!data) throw new Error('connect a dataset node to inspect the layers on an example');
    return inspectLayer(model.module, nodeId, data.test);
  }

  async sampleText(prompt: string, length: number, temperature: number): Promise<string> {
    const { model, data } = this.#requireTrained();
    if (data?.kind !== 'text' || !data.vocabulary)
      throw new Error('this model does not predict characters');
    return sampleCharacters(
      model.module,
      data.vocabulary,
      prompt,
      length,
      temperature,
      data.train.inputShape[0],
    );
  }

  async preview(document: ModelDocument): Promise<PreviewResult> {
    if (!this.#backend) this.#backend = await selectBackend('auto');
    const data = await resolveSessionData(document);
    const trained = this.#trained?.structure === weightsKey(document) ? this.#trained : undefined;
    return previewDocument(
      document,
      data,
      this.#previewCache,
      trained?.model.module,
      trained ? `trained-${trained.steps}-${trained.version}` : 'initial',
    );
  }

  #requireTrained(): Trained {
    if (!this.#trained) throw new Error('train the model first (or restore its saved weights)');
    return this.#trained;
  }
}

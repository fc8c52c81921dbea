import { proxy, transfer, wrap, type Remote } from 'comlink';
import { Subject, type Observable } from 'rxjs';
import type { ModelDocument } from '../model.js';
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
  TrainRequest,
  WeightsInfo,
} from './protocol.js';

/**
 * The page's side of the training session: starts the session worker, forwards calls to it as
 * `Remote<SessionApi>`, and turns the worker's progress callbacks into `events$`. The page never
 * runs kernels: every computation happens in the worker (and its pool or GPU).
 */
export class SessionClient {
  readonly #worker: Worker;
  readonly #api: Remote<SessionApi>;
  readonly #events = new Subject<SessionEvent>();
  readonly events$: Observable<SessionEvent> = this.#events.asObservable();

  constructor(
    worker = new Worker(new URL('./session-worker.ts', import.meta.url), {
      type: 'module',
      name: 'loom-session',
    }),
  ) {
    this.#worker = worker;
    this.#api = wrap<SessionApi>(worker);
  }

  selectBackend(choice: BackendChoice): Promise<BackendReport> {
    return this.#api.selectBackend(choice);
  }

  /** Resolves when training has finished, stopped or failed (the outcome arrives in `events$`). */
  train(request: TrainRequest): Promise<void> {
    return this.#api.train(
      request,
      proxy((events: SessionEvent[]) => events.forEach((event) => this.#events.next(event))),
    );
  }

  stop(): Promise<void> {
    return this.#api.stop();
  }

  restore(document: ModelDocument): Promise<WeightsInfo | undefined> {
    return this.#api.restore(document);
  }

  resetWeights(document: ModelDocument): Promise<void> {
    return this.#api.resetWeights(document);
  }

  checkpoint(): Promise<ArrayBuffer> {
    return this.#api.checkpoint();
  }

  exportOnnx(document: ModelDocument): Promise<OnnxExport> {
    return this.#api.exportOnnx(document);
  }

  /** Makes the file's weights the session's; the dock hears of it as a `weights-replaced` event. */
  async importOnnx(bytes: ArrayBuffer, fileName: string): Promise<OnnxImport> {
    const imported = await this.#api.importOnnx(transfer(bytes, [bytes]), fileName);
    this.#events.next({ kind: 'weights-replaced', info: imported.info });
    return imported;
  }

  predict(image: Float32Array): Promise<Prediction> {
    return this.#api.predict(transfer(image, [image.buffer]));
  }

  inspect(nodeId: string): Promise<LayerInspection> {
    return this.#api.inspect(nodeId);
  }

  sampleText(prompt: string, length: number, temperature: number): Promise<string> {
    return this.#api.sampleText(prompt, length, temperature);
  }

  preview(document: ModelDocument): Promise<PreviewResult> {
    return this.#api.preview(document);
  }

  terminate(): void {
    this.#events.complete();
    this.#worker.terminate();
  }
}

let shared: SessionClient | undefined;

/** The page's one session (started on first use). */
export function sessionClient(): SessionClient {
  shared ??= new SessionClient();
  return shared;
}

import { Observable } from 'rxjs';
import type { Dataset } from '@loom/data';
import { fit, type RecoveryOptions, type TrainEvent } from '@loom/nn';
import type { ModelDocument } from '../document/model-document.js';
import { compileModel, type CompiledModel } from './compile-model.js';

/** Options of fitDocument: the data, and overrides of the document's training settings. */
export interface FitDocumentOptions {
  data: { train: Dataset; test?: Dataset };
  epochs?: number;
  batchSize?: number;
  /** Aborting stops training after the step in flight and completes the Observable. */
  signal?: AbortSignal;
  /** Survive a lost backend (a GPU reset) by going on on another: see @loom/nn's `FitOptions.recovery`. */
  recovery?: RecoveryOptions;
}

/**
 * Compiles a document and trains it with its loss, optimizer and training settings. Subscribing to
 * `events$` starts training (batch and epoch events as `fit` emits them); the test set, if given,
 * is evaluated after each epoch.
 *
 * @example
 * const { compiled, events$ } = fitDocument(doc, { data: await resolveDataset(doc, { mnist: loadMnist }) });
 * events$.subscribe((e) => e.type === 'epoch' && console.log(e.epoch, e.loss, e.valAccuracy));
 */
export function fitDocument(doc: ModelDocument, options: FitDocumentOptions): { compiled: CompiledModel; events$: Observable<TrainEvent> } {
  const compiled = compileModel(doc);
  const { training } = compiled;
  const run$ = fit(compiled.module, options.data.train, {
    loss: compiled.loss,
    optimizer: compiled.makeOptimizer(),
    epochs: options.epochs ?? training.epochs,
    batchSize: options.batchSize ?? training.batchSize,
    seed: training.seed,
    ...(options.data.test ? { validationData: options.data.test } : {}),
    ...(options.recovery ? { recovery: options.recovery } : {}),
  });
  const { signal } = options;
  if (!signal) return { compiled, events$: run$ };
  const events$ = new Observable<TrainEvent>((subscriber) => {
    if (signal.aborted) {
      subscriber.complete();
      return;
    }
    // Its own observer, not `subscriber`: unsubscribing the run must leave this subscriber open to complete.
    const subscription = run$.subscribe({ next: (e) => subscriber.next(e), error: (e: unknown) => subscriber.error(e), complete: () => subscriber.complete() });
    const stop = () => {
      subscription.unsubscribe();
      subscriber.complete();
    };
    signal.addEventListener('abort', stop, { once: true });
    return () => {
      signal.removeEventListener('abort', stop);
      subscription.unsubscribe();
    };
  });
  return { compiled, events$ };
}

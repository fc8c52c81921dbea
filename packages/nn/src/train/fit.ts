import { Observable } from 'rxjs';
import { batchCount, batches, type Dataset } from '@loom/data';
import type { LayerModule } from '../core/module.js';
import type { Optimizer } from '../optim/optimizer.js';
import { isBackendLostError } from '@loom/graph';
import { BackendRecovery } from './backend-recovery.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { evaluateWith } from './evaluate.js';
import { compileEvalStep, compileTrainStep, type LossFunction } from './steps.js';
import type { BatchEvent, EpochEvent, TrainEvent } from './train-event.js';

export interface FitOptions {
  loss: LossFunction;
  optimizer: Optimizer;
  epochs?: number;
  batchSize?: number;
  /** Visit the training examples in a new seeded order each epoch (default true). */
  shuffle?: boolean;
  /** Seeds the shuffling (epoch e uses seed + e). */
  seed?: number;
  /** Skip a last batch smaller than batchSize. */
  dropLast?: boolean;
  /** Evaluated after every epoch: valLoss (and valAccuracy) in the epoch events. */
  validationData?: Dataset;
  /** Stop when the monitored metric has not improved for `patience` epochs. */
  earlyStopping?: EarlyStoppingOptions | boolean;
  /**
   * Survive a lost backend (a GPU device reset): switch to `fallback` and go on from host copies of
   * the weights and optimizer state taken every `snapshotEvery` steps (default 50), emitting a
   * `backendLost` event. Without it, a lost backend ends training with an error.
   */
  recovery?: RecoveryOptions;
}

export interface RecoveryOptions {
  fallback: string;
  snapshotEvery?: number;
}

const now = () => performance.now();

/**
 * Trains `model` on `data` and reports progress as a cold Observable: subscribing starts training;
 * `batch` events follow each step, an `epoch` event each epoch, then completion (after an
 * `earlyStop` event if early stopping ended it). Failures — a shape error, a NaN or infinite loss
 * (naming the step) — arrive as the Observable's error. Unsubscribing stops training after the
 * step in flight. Each step is one compiled program: forward, backward and update together.
 *
 * @example
 * fit(model, train, { loss: crossEntropy, optimizer: new SGD(model, { lr: 0.01, momentum: 0.9 }), epochs: 2 })
 *   .subscribe((e) => e.type === 'epoch' && console.log(e.epoch, e.loss, e.accuracy));
 */
export function fit(model: LayerModule, data: Dataset, options: FitOptions): Observable<TrainEvent> {
  return new Observable<TrainEvent>((subscriber) => {
    let stopped = false;
    const emit = (event: TrainEvent) => {
      if (!stopped) subscriber.next(event);
    };
    const wasTraining = model.training;
    train(model, data, options, emit, () => stopped)
      .then(
        () => {
          if (!stopped) subscriber.complete();
        },
        (error: unknown) => {
          if (!stopped) subscriber.error(error);
        },
      )
      .finally(() => model.train(wasTraining));
    return () => {
      stopped = true;
    };
  });
}

async function train(model: LayerModule, data: Dataset, options: FitOptions, emit: (event: TrainEvent) => void, isStopped: () => boolean): Promise<void> {
  const { loss, optimizer, epochs = 1, batchSize = 32, shuffle = true, seed = 0, dropLast = false, validationData } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`fit: epochs must be a positive integer, got ${epochs}`);
  if (data.size === 0) throw new Error(`fit: ${data.name} has no examples`);
  const stopper = makeEarlyStopping(options.earlyStopping, validationData !== undefined);
  // Stale state from eager forwards must not leak into the traced step.
  model.takeBufferUpdates();
  optimizer.zeroGrad();
  model.zeroGrad();
  const trainStep = compileTrainStep(model, loss, optimizer);
  const recovery = options.recovery && (await BackendRecovery.start(model, optimizer, options.recovery));
  const evalStep = compileEvalStep(model, loss);
  const perEpoch = batchCount(data, { batchSize, dropLast });
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.train();
    const epochStart = now();
    let last = epochStart;
    let lossSum = 0;
    let correct = 0;
    let labels = 0;
    let examples = 0;
    let batchIndex = 0;
    for (const batch of batches(data, { batchSize, shuffle, seed: seed + epoch, dropLast })) {
      if (isStopped()) return;
      let batchLoss: number;
      let batchCorrect: number;
      try {
        const metrics = await trainStep(batch.inputs, batch.targets);
        [batchLoss, batchCorrect] = await metrics.data();
        // Freed now rather than at garbage collection: backends that keep buffers outside the JS heap
        // (WASM memory, GPU) give the collector no reason to run soon.
        metrics.dispose();
      } catch (error) {
        if (!recovery || !isBackendLostError(error)) throw error;
        emit(await recovery.recover(error, epoch, step));
        continue;
      } finally {
        batch.inputs.dispose();
        batch.targets.dispose();
      }
      if (isStopped()) return;
      if (!Number.isFinite(batchLoss))
        throw new Error(`fit: the loss became ${batchLoss} at step ${step} (epoch ${epoch}, batch ${batchIndex}); training stopped`);
      const time = now();
      const batchEvent: BatchEvent = { type: 'batch', epoch, batch: batchIndex, batches: perEpoch, step, loss: batchLoss, samplesPerSecond: (batch.size * 1000) / Math.max(time - last, 1e-3) };
      if (data.classes && batch.targets.size > 0) batchEvent.accuracy = batchCorrect / batch.targets.size;
      emit(batchEvent);
      last = time;
      lossSum += batchLoss * batch.size;
      correct += batchCorrect;
      labels += batch.targets.size;
      examples += batch.size;
      batchIndex++;
      step++;
      await recovery?.stepDone(step);
    }
    const event: EpochEvent = { type: 'epoch', epoch, epochs, loss: lossSum / examples, seconds: 0 };
    if (data.classes && labels > 0) event.accuracy = correct / labels;
    if (validationData) {
      model.eval();
      const validation = await evaluateWith(evalStep, validationData, Math.max(batchSize, 256));
      model.train();
      if (isStopped()) return;
      event.valLoss = validation.loss;
      if (validation.accuracy !== undefined) event.valAccuracy = validation.accuracy;
    }
    event.seconds = (now() - epochStart) / 1000;
    emit(event);
    if (stopper?.update(event)) {
      emit({ type: 'earlyStop', epoch, bestEpoch: stopper.bestEpoch, monitor: stopper.monitor, best: stopper.best });
      return;
    }
  }
}

function makeEarlyStopping(option: EarlyStoppingOptions | boolean | undefined, hasValidation: boolean): EarlyStopping | undefined {
  if (!option) return undefined;
  const settings = option === true ? {} : option;
  return new EarlyStopping({ monitor: hasValidation ? 'valLoss' : 'loss', ...settings });
}

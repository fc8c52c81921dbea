/** One optimizer step finished. Epochs, batches and steps count from 0. */
export interface BatchEvent {
  type: 'batch';
  epoch: number;
  /** The batch within the epoch. */
  batch: number;
  /** Batches per epoch. */
  batches: number;
  /** Steps since fit() started. */
  step: number;
  /** This batch's loss (before the update). */
  loss: number;
  /** This batch's accuracy (classification only: int32 targets), before the update. */
  accuracy?: number;
  samplesPerSecond: number;
}

/** One pass over the training data finished (and the validation pass, if any). */
export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  epochs: number;
  /** The mean training loss over the epoch's examples. */
  loss: number;
  /** Training accuracy (classification only: int32 targets). */
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number;
}

/** Early stopping ended training after this epoch; completion follows. */
export interface EarlyStopEvent {
  type: 'earlyStop';
  epoch: number;
  bestEpoch: number;
  monitor: MonitoredMetric;
  best: number;
}

/**
 * The backend was lost mid-training (a GPU reset) and training went on on `fallback`, from the
 * weights and optimizer state saved at step `resumedFrom`; the steps after it were redone on data
 * that follows (they are not repeated).
 */
export interface BackendLostEvent {
  type: 'backendLost';
  epoch: number;
  /** The step that failed. */
  step: number;
  lost: string;
  fallback: string;
  resumedFrom: number;
  /** The error the lost backend gave. */
  reason: string;
}

export type MonitoredMetric = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

/** What fit() emits, in order: batch events, an epoch event after each epoch's batches, then completion. */
export type TrainEvent = BatchEvent | EpochEvent | EarlyStopEvent | BackendLostEvent;

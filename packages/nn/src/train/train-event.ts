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

export type MonitoredMetric = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

/** What fit() emits, in order: batch events, an epoch event after each epoch's batches, then completion. */
export type TrainEvent = BatchEvent | EpochEvent | EarlyStopEvent;

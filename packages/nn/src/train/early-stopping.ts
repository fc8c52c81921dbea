import type { EpochEvent, MonitoredMetric } from './train-event.js';

export interface EarlyStoppingOptions {
  /** The metric to watch: 'valLoss' when there is validation data, else 'loss' (by default). */
  monitor?: MonitoredMetric;
  /** Epochs without improvement to tolerate before stopping. */
  patience?: number;
  /** The smallest change that counts as an improvement. */
  minDelta?: number;
}

/** Tracks the best value of a metric (lower is better for losses, higher for accuracies). */
export class EarlyStopping {
  readonly monitor: MonitoredMetric;
  readonly patience: number;
  readonly minDelta: number;
  best = NaN;
  bestEpoch = -1;
  private waited = 0;

  constructor({ monitor = 'loss', patience = 3, minDelta = 0 }: EarlyStoppingOptions = {}) {
    this.monitor = monitor;
    this.patience = patience;
    this.minDelta = minDelta;
  }

  /** Records an epoch; true when training should stop. */
  update(event: EpochEvent): boolean {
    const value = event[this.monitor];
    if (value === undefined)
      throw new Error(`fit: early stopping monitors "${this.monitor}", which the epoch event does not have (no validation data or not a classification task?)`);
    const lowerIsBetter = this.monitor === 'loss' || this.monitor === 'valLoss';
    const improved = Number.isNaN(this.best) || (lowerIsBetter ? value < this.best - this.minDelta : value > this.best + this.minDelta);
    if (improved) {
      this.best = value;
      this.bestEpoch = event.epoch;
      this.waited = 0;
      return false;
    }
    return ++this.waited > this.patience;
  }
}

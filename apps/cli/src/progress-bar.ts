/** Where training is, for one progress line. */
export interface ProgressState {
  epoch: number;
  epochs: number;
  /** Batches finished in this epoch. */
  batch: number;
  batches: number;
  /** Mean loss (and accuracy) over this epoch's batches so far. */
  loss: number;
  accuracy?: number;
  samplesPerSecond: number;
  /** Seconds until training ends, if known. */
  etaSeconds?: number;
}

/** "1:05" / "1:02:03" — a duration for an ETA. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

/** The metrics part of a line: "loss 0.4123  acc 87.5%  5,230 samples/s  ETA 0:12". */
export function formatMetrics(state: Pick<ProgressState, 'loss' | 'accuracy' | 'samplesPerSecond' | 'etaSeconds'>): string {
  const parts = [`loss ${state.loss.toFixed(4)}`];
  if (state.accuracy !== undefined) parts.push(`acc ${(state.accuracy * 100).toFixed(1)}%`);
  parts.push(`${Math.round(state.samplesPerSecond).toLocaleString('en-US')} samples/s`);
  if (state.etaSeconds !== undefined && Number.isFinite(state.etaSeconds)) parts.push(`ETA ${formatDuration(state.etaSeconds)}`);
  return parts.join('  ');
}

/**
 * One progress line: epoch, a bar of `barWidth` cells, the step within the epoch, and the metrics.
 * @example renderProgress({ epoch: 0, epochs: 2, batch: 5, batches: 10, loss: 0.5, samplesPerSecond: 900 }, 10)
 * // "epoch 1/2 [=====     ] 5/10  loss 0.5000  900 samples/s"
 */
export function renderProgress(state: ProgressState, barWidth = 24): string {
  const fraction = state.batches ? Math.min(1, state.batch / state.batches) : 0;
  const filled = Math.round(fraction * barWidth);
  const bar = `[${'='.repeat(filled)}${' '.repeat(barWidth - filled)}]`;
  const steps = `${state.batch}/${state.batches}`;
  return `epoch ${state.epoch + 1}/${state.epochs} ${bar} ${steps}  ${formatMetrics(state)}`;
}

/** How a progress reporter writes. */
export interface ProgressSink {
  write(text: string): void;
  /** Redraw one line in place (a terminal); otherwise print plain lines now and then. */
  isTTY: boolean;
  columns?: number;
}

/**
 * Shows training progress: on a terminal one line redrawn in place (at most ~10 times a second),
 * elsewhere (a pipe, a CI log) a plain line at every tenth of an epoch. `done` ends the epoch's line.
 */
export class ProgressReporter {
  #lastDraw = -Infinity;
  #lastTenth = -1;

  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number = () => performance.now(),
  ) {}

  update(state: ProgressState): void {
    if (this.sink.isTTY) {
      const t = this.now();
      if (t - this.#lastDraw < 100 && state.batch < state.batches) return;
      this.#lastDraw = t;
      const width = Math.max(10, Math.min(30, (this.sink.columns ?? 100) - 90));
      this.sink.write(`\r${renderProgress(state, width)}\x1b[K`);
      return;
    }
    const tenth = Math.floor((state.batch / Math.max(state.batches, 1)) * 10);
    if (tenth === this.#lastTenth || state.batch === state.batches) return;
    this.#lastTenth = tenth;
    this.sink.write(`${renderProgress(state, 20)}\n`);
  }

  /** Ends an epoch with its summary line (replacing the redrawn line on a terminal). */
  done(summary: string): void {
    this.sink.write(this.sink.isTTY ? `\r${summary}\x1b[K\n` : `${summary}\n`);
    this.#lastTenth = -1;
    this.#lastDraw = -Infinity;
  }
}

import { lazy, Suspense, useState } from 'react';
import type { ModelDocument } from '../model.js';
import type { BackendChoice } from '../session/protocol.js';
import { BackendSelector } from './backend-selector.js';
import { downloadCheckpoint } from './checkpoint-download.js';
import { ConfusionMatrixView } from './confusion-matrix-view.js';
import { formatDuration } from './eta.js';
import { friendlyError } from './friendly-error.js';
import type { MetricLine } from './metric-chart.js';
import {
  canStop,
  isRunning,
  statusText,
  type Series,
  type TrainingState,
} from './training-state.js';
import type { TrainingControls } from './use-training.js';

const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
const last = <T,>(values: readonly T[]) => (values.length ? values[values.length - 1] : undefined);
const count = (n: number) => n.toLocaleString('en');
/** Four decimals, or an exponent for a loss that blew up (no 20-digit numbers). */
const formatLoss = (v: number | undefined) =>
  v === undefined ? '—' : Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toFixed(4);
const epochsText = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;

/**
 * uPlot is loaded apart from the page's first load. The batch chart is mounted (hidden) with the
 * dock, so the chunk arrives right after the first paint, long before a run's first point.
 */
const MetricChart = lazy(() =>
  import('./metric-chart.js').then((m) => ({ default: m.MetricChart })),
);
const chartHeight = 160;

const lossColor = '#e5534b';
const accuracyColor = '#4493f8';
const chartLines = (series: Series): MetricLine[] => [
  { label: 'loss', values: series.loss, color: lossColor },
  { label: 'accuracy', values: series.accuracy, color: accuracyColor, scale: 'acc' },
];

/** This run's steps against this run's total, and the weights' steps when they started earlier. */
function stepText(state: TrainingState): string {
  if (!isRunning(state) && state.runStep === 0 && state.totalSteps === undefined)
    return state.weights ? `${count(state.weights.steps)} so far` : '—';
  const run = `${count(state.runStep)}${state.totalSteps ? ` / ${count(state.totalSteps)}` : ''}`;
  return state.step > state.runStep ? `${run} (${count(state.step)} in total)` : run;
}

interface TrainingPanelProps {
  document: ModelDocument;
  controls: TrainingControls;
  /** Why the document cannot train as it stands (problems to fix), if it cannot. */
  blocker?: string;
  /** Shows the document's Problems list. */
  onShowProblems?(): void;
}

/** Train / Stop, the backend, live loss and accuracy charts, throughput, ETA, test results and the weights. */
export function TrainingPanel({ document, controls, blocker, onShowProblems }: TrainingPanelProps) {
  const { state, train, stop, resetWeights, selectBackend } = controls;
  const [backend, setBackend] = useState<BackendChoice>('auto');
  const [steps, setSteps] = useState('');
  const running = isRunning(state);
  const maxSteps = Number.parseInt(steps, 10);
  const { batches, epochs } = state;

  return (
    <section className="training-panel" data-testid="training-panel" aria-label="Training">
      <BackendSelector
        choice={backend}
        report={state.backend}
        disabled={running}
        onChange={(choice) => {
          setBackend(choice);
          selectBackend(choice);
        }}
      />
      <div className="training-controls">
        <label>
          Steps{' '}
          <input
            type="number"
            min={1}
            placeholder={epochsText(document.training?.epochs ?? 1)}
            value={steps}
            onChange={(e) => setSteps(e.target.value)}
            disabled={running}
            data-testid="train-steps"
          />
        </label>
        <button
          type="button"
          className="dock-button is-primary"
          onClick={() => train(document, backend, maxSteps > 0 ? maxSteps : undefined)}
          disabled={running || blocker !== undefined}
          data-testid="train-button"
        >
          Train
        </button>
        <button
          type="button"
          className="dock-button"
          onClick={stop}
          disabled={!canStop(state)}
          data-testid="stop-button"
        >
          Stop
        </button>
        <button
          type="button"
          className="dock-button"
          onClick={() => resetWeights(document)}
          disabled={running || (state.weights === undefined && state.step === 0)}
          title="Re-initialise the model's weights and forget the saved ones"
          data-testid="reset-weights"
        >
          Reset weights
        </button>
      </div>
      {blocker && !running && (
        <p className="train-blocker" data-testid="train-blocker">
          {onShowProblems && /problem/.test(blocker) ? (
            <button type="button" className="link-button" onClick={onShowProblems}>
              {blocker}
            </button>
          ) : (
            blocker
          )}
        </p>
      )}
      <p className="training-status" data-testid="training-status" data-status={state.status}>
        {statusText(state)}
      </p>
      {state.error && (
        <p className="training-error" role="alert" data-testid="training-error">
          {friendlyError(state.error)}
          {state.weights ? ' The last good weights are kept.' : ''}
        </p>
      )}
      <dl className="training-stats">
        <dt>Step</dt>
        <dd data-testid="train-step" data-run={state.runStep} data-total={state.totalSteps ?? ''}>
          {stepText(state)}
        </dd>
        <dt>Loss</dt>
        <dd data-testid="train-loss">{formatLoss(last(batches.loss))}</dd>
        <dt>Batch accuracy</dt>
        <dd data-testid="train-accuracy">{percent(last(batches.accuracy))}</dd>
        <dt>Throughput</dt>
        <dd data-testid="train-throughput">
          {state.samplesPerSecond
            ? `${Math.round(state.samplesPerSecond).toLocaleString('en')} samples/s`
            : '—'}
        </dd>
        <dt>ETA</dt>
        <dd data-testid="train-eta">{canStop(state) ? formatDuration(state.eta) : '—'}</dd>
        <dt>Test accuracy</dt>
        <dd data-testid="test-accuracy" data-value={state.evaluation?.accuracy ?? ''}>
          {percent(state.evaluation?.accuracy)}
        </dd>
      </dl>
      {/* Created once, hidden while empty: building a uPlot mid-run would block a frame. */}
      <div hidden={batches.x.length === 0}>
        <Suspense fallback={<div className="metric-chart" style={{ height: chartHeight }} />}>
          <MetricChart
            title="Per batch"
            xLabel="step"
            testId="batch-chart"
            x={batches.x}
            lines={chartLines(batches)}
            height={chartHeight}
          />
        </Suspense>
      </div>
      {batches.x.length === 0 && (
        <p className="chart-placeholder" data-testid="chart-placeholder">
          Loss and accuracy charts appear here once training starts.
        </p>
      )}
      {epochs.x.length > 0 && (
        <Suspense fallback={<div className="metric-chart" style={{ height: chartHeight }} />}>
          <MetricChart
            title="Per epoch"
            xLabel="epoch"
            testId="epoch-chart"
            x={epochs.x}
            lines={chartLines(epochs)}
            height={chartHeight}
          />
        </Suspense>
      )}
      {state.weights && (
        <p
          className="weights-info"
          data-testid="weights-info"
          data-restored={state.weights.restored}
          data-imported={state.weights.importedFrom !== undefined}
        >
          {state.weights.importedFrom
            ? `Weights imported from ${state.weights.importedFrom}`
            : `${state.weights.restored ? 'Restored' : 'Saved'} weights after ${count(state.weights.steps)} steps`}{' '}
          ({new Date(state.weights.savedAt).toLocaleString()}){' '}
          <button
            type="button"
            className="dock-button"
            onClick={() => void downloadCheckpoint(document.name)}
            disabled={running}
            data-testid="download-checkpoint"
          >
            Download checkpoint
          </button>
        </p>
      )}
      {state.evaluation && <ConfusionMatrixView evaluation={state.evaluation} />}
    </section>
  );
}

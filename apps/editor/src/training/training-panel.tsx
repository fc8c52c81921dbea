import { useState } from 'react';
import type { ModelDocument } from '../model.js';
import type { BackendChoice } from '../session/protocol.js';
import { BackendSelector } from './backend-selector.js';
import { downloadCheckpoint } from './checkpoint-download.js';
import { ConfusionMatrixView } from './confusion-matrix-view.js';
import { formatDuration } from './eta.js';
import { MetricChart } from './metric-chart.js';
import { isRunning } from './training-state.js';
import type { TrainingControls } from './use-training.js';

const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
const last = <T,>(values: readonly T[]) => (values.length ? values[values.length - 1] : undefined);

/** Train / Stop, the backend, live loss and accuracy charts, throughput, ETA, test results and the weights. */
export function TrainingPanel({
  document,
  controls,
}: {
  document: ModelDocument;
  controls: TrainingControls;
}) {
  const { state, train, stop, selectBackend } = controls;
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
            placeholder={`${document.training?.epochs ?? 1} epoch(s)`}
            value={steps}
            onChange={(e) => setSteps(e.target.value)}
            disabled={running}
            data-testid="train-steps"
          />
        </label>
        <button
          type="button"
          onClick={() => train(document, backend, maxSteps > 0 ? maxSteps : undefined)}
          disabled={running}
          data-testid="train-button"
        >
          Train
        </button>
        <button
          type="button"
          onClick={stop}
          disabled={!running || state.status === 'stopping'}
          data-testid="stop-button"
        >
          Stop
        </button>
      </div>
      <p className="training-status" data-testid="training-status" data-status={state.status}>
        {state.status}
        {state.detail ? ` — ${state.detail}` : ''}
      </p>
      {state.error && (
        <p className="training-error" role="alert" data-testid="training-error">
          {state.error} (the last good weights are kept)
        </p>
      )}
      <dl className="training-stats">
        <dt>Step</dt>
        <dd data-testid="train-step">
          {state.step}
          {state.totalSteps ? ` / ${state.totalSteps}` : ''}
        </dd>
        <dt>Loss</dt>
        <dd data-testid="train-loss">{last(batches.loss)?.toFixed(4) ?? '—'}</dd>
        <dt>Batch accuracy</dt>
        <dd data-testid="train-accuracy">{percent(last(batches.accuracy))}</dd>
        <dt>Throughput</dt>
        <dd data-testid="train-throughput">
          {state.samplesPerSecond
            ? `${Math.round(state.samplesPerSecond).toLocaleString('en')} samples/s`
            : '—'}
        </dd>
        <dt>ETA</dt>
        <dd data-testid="train-eta">{running ? formatDuration(state.eta) : '—'}</dd>
        <dt>Test accuracy</dt>
        <dd data-testid="test-accuracy" data-value={state.evaluation?.accuracy ?? ''}>
          {percent(state.evaluation?.accuracy)}
        </dd>
      </dl>
      <MetricChart
        title="Per batch"
        xLabel="step"
        testId="batch-chart"
        x={batches.x}
        lines={[
          { label: 'loss', values: batches.loss, color: '#c62828' },
          { label: 'accuracy', values: batches.accuracy, color: '#1565c0', scale: 'acc' },
        ]}
      />
      {epochs.x.length > 0 && (
        <MetricChart
          title="Per epoch"
          xLabel="epoch"
          testId="epoch-chart"
          x={epochs.x}
          lines={[
            { label: 'loss', values: epochs.loss, color: '#c62828' },
            { label: 'accuracy', values: epochs.accuracy, color: '#1565c0', scale: 'acc' },
          ]}
        />
      )}
      {state.weights && (
        <p
          className="weights-info"
          data-testid="weights-info"
          data-restored={state.weights.restored}
        >
          {state.weights.restored ? 'Restored' : 'Saved'} weights after {state.weights.steps} steps
          ({new Date(state.weights.savedAt).toLocaleString()}){' '}
          <button
            type="button"
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

import type {
  BackendReport,
  SessionEvent,
  TestEvaluation,
  WeightsInfo,
} from '../session/protocol.js';
import { remainingSeconds, smoothRate } from './eta.js';

/** Chart data in uPlot's column layout: x values and one y series, null where a value is missing. */
export interface Series {
  x: number[];
  loss: number[];
  accuracy: (number | null)[];
}

export type TrainingStatus =
  'idle' | 'starting' | 'training' | 'stopping' | 'evaluating' | 'completed' | 'stopped' | 'failed';

export interface TrainingState {
  status: TrainingStatus;
  /** What the session is doing now (loading data, compiling, …). */
  detail: string;
  backend?: BackendReport;
  /** Per step (x = step + 1). Thinned to at most `maxPoints` by dropping every other point. */
  batches: Series;
  /** Per epoch (x = epoch + 1). */
  epochs: Series;
  /** Steps done in total by these weights (restored runs included). */
  step: number;
  /** Steps done in this run, counted against `totalSteps`. */
  runStep: number;
  /** Steps this run will take. */
  totalSteps?: number;
  /** Training examples the dataset provides (from the session worker). */
  trainExamples?: number;
  batchSize: number;
  /** Smoothed samples per second. */
  samplesPerSecond?: number;
  /** Seconds left, from the smoothed rate. */
  eta?: number;
  evaluation?: TestEvaluation;
  weights?: WeightsInfo;
  error?: string;
}

export const maxPoints = 2000;

const emptySeries = (): Series => ({ x: [], loss: [], accuracy: [] });

export const initialTrainingState: TrainingState = {
  status: 'idle',
  detail: '',
  batches: emptySeries(),
  epochs: emptySeries(),
  step: 0,
  runStep: 0,
  batchSize: 0,
};

export type TrainingAction =
  | { kind: 'train-requested' }
  | { kind: 'stop-requested' }
  /** The document was replaced or its layers changed: nothing shown belongs to it any more. */
  | { kind: 'model-changed' }
  | { kind: 'backend-selected'; report: BackendReport }
  | { kind: 'session'; event: SessionEvent }
  | { kind: 'session-events'; events: readonly SessionEvent[] };

/** A copy of `series` with one more point, halved (every other point kept) once it passes `limit`. */
export function appendPoint(
  series: Series,
  x: number,
  loss: number,
  accuracy: number | undefined,
  limit = maxPoints,
): Series {
  const next: Series = {
    x: [...series.x, x],
    loss: [...series.loss, loss],
    accuracy: [...series.accuracy, accuracy ?? null],
  };
  if (next.x.length <= limit) return next;
  // Keep the newest point, drop every other older one.
  const keep = (_: unknown, i: number, all: { length: number }) => (all.length - 1 - i) % 2 === 0;
  return {
    x: next.x.filter(keep),
    loss: next.loss.filter(keep),
    accuracy: next.accuracy.filter(keep),
  };
}

const stepsText = (steps: number) => `${steps.toLocaleString('en')} step${steps === 1 ? '' : 's'}`;

function onEvent(state: TrainingState, event: SessionEvent): TrainingState {
  switch (event.kind) {
    case 'phase':
      return {
        ...state,
        detail: event.detail,
        status: event.phase === 'evaluating' ? 'evaluating' : state.status,
        eta: event.phase === 'evaluating' ? undefined : state.eta,
      };
    case 'backend':
      return { ...state, backend: event.report };
    case 'started':
      return {
        ...state,
        status: state.status === 'stopping' ? 'stopping' : 'training',
        totalSteps: event.totalSteps,
        batchSize: event.batchSize,
        trainExamples: event.trainExamples,
        detail: `training on ${event.trainExamples.toLocaleString('en')} examples`,
      };
    case 'batch': {
      const { point } = event;
      const rate = smoothRate(state.samplesPerSecond, point.samplesPerSecond);
      const done = point.step + 1;
      const runStep = state.runStep + 1;
      return {
        ...state,
        batches: appendPoint(state.batches, done, point.loss, point.accuracy),
        step: done,
        runStep,
        batchSize: point.batchSize,
        samplesPerSecond: rate,
        eta:
          state.totalSteps === undefined
            ? undefined
            : remainingSeconds(Math.max(0, state.totalSteps - runStep), point.batchSize, rate),
      };
    }
    case 'epoch':
      return {
        ...state,
        epochs: appendPoint(
          state.epochs,
          event.point.epoch + 1,
          event.point.loss,
          event.point.accuracy,
        ),
      };
    case 'evaluation':
      return { ...state, evaluation: event.evaluation };
    case 'weights':
      return {
        ...state,
        weights: event.info,
        evaluation: event.info.evaluation ?? state.evaluation,
      };
    case 'finished':
      return {
        ...state,
        status: event.reason,
        eta: 0,
        detail: `${event.reason === 'completed' ? 'Completed' : 'Stopped'} after ${stepsText(event.steps)}`,
      };
    case 'failed':
      return {
        ...state,
        status: 'failed',
        error: event.message,
        eta: undefined,
        detail:
          event.steps > 0
            ? `Failed after ${stepsText(event.steps)}`
            : 'Failed before the first step',
      };
    case 'weights-replaced':
      // A fresh page for the new weights: the old run's charts and figures are not theirs.
      return isRunning(state)
        ? state
        : {
            ...initialTrainingState,
            backend: state.backend,
            step: event.info.steps,
            weights: event.info,
            ...(event.info.evaluation ? { evaluation: event.info.evaluation } : {}),
          };
  }
}

/** The training panel's state: one pure step per user action or session event. */
export function trainingReducer(state: TrainingState, action: TrainingAction): TrainingState {
  switch (action.kind) {
    case 'train-requested':
      // A new run: fresh charts; the backend and the last weights stay until replaced.
      return {
        ...initialTrainingState,
        status: 'starting',
        detail: 'starting the session',
        backend: state.backend,
        weights: state.weights,
      };
    case 'stop-requested':
      return state.status === 'training' || state.status === 'starting'
        ? { ...state, status: 'stopping', detail: 'stopping after this step', eta: undefined }
        : state;
    case 'model-changed':
      // Only the backend belongs to the page rather than to the model.
      return isRunning(state) ? state : { ...initialTrainingState, backend: state.backend };
    case 'backend-selected':
      return { ...state, backend: action.report };
    case 'session':
      return onEvent(state, action.event);
    case 'session-events':
      return action.events.reduce(onEvent, state);
  }
}

/** Whether Stop can still do something (not once a stop was asked for or the run is evaluating). */
export function canStop(state: TrainingState): boolean {
  return state.status === 'starting' || state.status === 'training';
}

/** Whether a run is in flight (Train disabled). */
export function isRunning(state: TrainingState): boolean {
  return (
    state.status === 'starting' ||
    state.status === 'training' ||
    state.status === 'stopping' ||
    state.status === 'evaluating'
  );
}

const idleText: Record<TrainingStatus, string> = {
  idle: 'Not trained yet',
  starting: 'Starting',
  training: 'Training',
  stopping: 'Stopping',
  evaluating: 'Evaluating',
  completed: 'Completed',
  stopped: 'Stopped',
  failed: 'Failed',
};

/** One phrase for the status line: what the session says it is doing, or the status alone. */
export function statusText(state: TrainingState): string {
  const detail = state.detail.trim();
  const imported = state.weights?.importedFrom;
  if (!detail && state.status === 'idle' && imported) return `Weights imported from ${imported}`;
  if (!detail) return idleText[state.status];
  return detail[0]!.toUpperCase() + detail.slice(1);
}

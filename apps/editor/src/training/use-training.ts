import { startTransition, useCallback, useEffect, useReducer, useRef } from 'react';
import type { ModelDocument } from '../model.js';
import type { BackendChoice, SessionEvent } from '../session/protocol.js';
import { sessionClient } from '../session/session-client.js';
import { weightsKey } from '../session/document-structure.js';
import {
  initialTrainingState,
  isRunning,
  trainingReducer,
  type TrainingState,
} from './training-state.js';

export interface TrainingControls {
  state: TrainingState;
  train(document: ModelDocument, backend: BackendChoice, maxSteps?: number): void;
  stop(): void;
  /** Re-initialises the model: forgets its trained and saved weights. */
  resetWeights(document: ModelDocument): void;
  selectBackend(choice: BackendChoice): void;
}

/**
 * The training panel's state, fed by the session worker's events. Events are folded in once per
 * animation frame (a burst of batch events costs one render) as React transitions, which render in
 * slices that yield to the browser; weights autosaved for the document's layers are restored when
 * those layers first appear.
 */
export function useTraining(document: ModelDocument): TrainingControls {
  const [state, dispatch] = useReducer(trainingReducer, initialTrainingState);
  const pending = useRef<SessionEvent[]>([]);
  const frame = useRef<number | undefined>(undefined);

  useEffect(() => {
    const subscription = sessionClient().events$.subscribe((event) => {
      pending.current.push(event);
      frame.current ??= requestAnimationFrame(() => {
        frame.current = undefined;
        const events = pending.current;
        pending.current = [];
        startTransition(() => dispatch({ kind: 'session-events', events }));
      });
    });
    return () => {
      subscription.unsubscribe();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
      frame.current = undefined;
    };
  }, []);

  const structure = weightsKey(document);
  const running = isRunning(state);
  const latest = useRef(document);
  latest.current = document;
  const runningNow = useRef(running);
  runningNow.current = running;
  // Which layers (weightsKey) the state on screen belongs to.
  const shownFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    // Restore when the layers change, not on every move of a node or edit of a learning rate; a
    // change during a run takes effect once the run is over.
    if (running || shownFor.current === structure) return;
    shownFor.current = structure;
    // Another model (a template, a file, a link, or new layers): nothing shown belongs to it.
    dispatch({ kind: 'model-changed' });
    sessionClient()
      .restore(latest.current)
      .then(
        (info) =>
          info &&
          shownFor.current === structure &&
          !runningNow.current &&
          dispatch({ kind: 'session', event: { kind: 'weights', info } }),
        () => undefined,
      );
  }, [structure, running]);

  const train = useCallback((doc: ModelDocument, backend: BackendChoice, maxSteps?: number) => {
    // Transitions render in slices that yield to the browser, so no update blocks the page.
    shownFor.current = weightsKey(doc);
    startTransition(() => dispatch({ kind: 'train-requested' }));
    sessionClient()
      .train({ document: doc, backend, ...(maxSteps ? { maxSteps } : {}) })
      .catch((error: unknown) =>
        dispatch({
          kind: 'session',
          event: {
            kind: 'failed',
            message: error instanceof Error ? error.message : String(error),
            steps: 0,
          },
        }),
      );
  }, []);

  const stop = useCallback(() => {
    startTransition(() => dispatch({ kind: 'stop-requested' }));
    void sessionClient().stop();
  }, []);

  const resetWeights = useCallback((doc: ModelDocument) => {
    sessionClient()
      .resetWeights(doc)
      .then(
        () => dispatch({ kind: 'model-changed' }),
        (error: unknown) =>
          dispatch({
            kind: 'session',
            event: {
              kind: 'failed',
              message: error instanceof Error ? error.message : String(error),
              steps: 0,
            },
          }),
      );
  }, []);

  const selectBackend = useCallback((choice: BackendChoice) => {
    sessionClient()
      .selectBackend(choice)
      .then(
        (report) => dispatch({ kind: 'backend-selected', report }),
        (error: unknown) =>
          dispatch({
            kind: 'backend-selected',
            report: {
              choice,
              name: 'none',
              reason: error instanceof Error ? error.message : String(error),
            },
          }),
      );
  }, []);

  return { state, train, stop, resetWeights, selectBackend };
}

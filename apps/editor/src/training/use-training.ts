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
  useEffect(() => {
    if (running) return;
    let cancelled = false;
    sessionClient()
      .restore(latest.current)
      .then(
        (info) =>
          !cancelled && info && dispatch({ kind: 'session', event: { kind: 'weights', info } }),
        () => undefined,
      );
    return () => {
      cancelled = true;
    };
    // Restore when the layers change, not on every move of a node or edit of a learning rate.
  }, [structure]);

  const train = useCallback((doc: ModelDocument, backend: BackendChoice, maxSteps?: number) => {
    // Transitions render in slices that yield to the browser, so no update blocks the page.
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

  return { state, train, stop, selectBackend };
}

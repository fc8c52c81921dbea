import type { SessionEvent } from './protocol.js';

/**
 * Collects session events and hands them on in batches: at most one message per `intervalMs`
 * (per-batch events arrive dozens of times a second), but at once for events that end a run or
 * report a failure, so the page never waits on them.
 */
export class EventBatcher {
  #pending: SessionEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (events: SessionEvent[]) => void,
    private readonly intervalMs = 250,
  ) {}

  push(event: SessionEvent): void {
    this.#pending.push(event);
    if (event.kind !== 'batch' && event.kind !== 'epoch') this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.send(events);
  }
}

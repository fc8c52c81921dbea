/**
 * A helper thread's death, heard once: the first cause reaches every listener, and nothing after
 * `ended()` (a thread the team stopped itself is not reported as dead).
 */
export function helperDeath(): { died(cause: string): void; ended(): void; onDeath(listener: (cause: string) => void): void } {
  let over = false;
  const listeners: ((cause: string) => void)[] = [];
  return {
    died(cause) {
      if (over) return;
      over = true;
      for (const listener of listeners) listener(cause);
    },
    ended() {
      over = true;
    },
    onDeath(listener) {
      listeners.push(listener);
    },
  };
}

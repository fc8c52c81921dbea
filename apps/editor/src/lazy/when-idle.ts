/**
 * Runs `work` once the page is idle (after the first paint and whatever start-up work is queued),
 * or after `timeout` ms at the latest. Returns a function that cancels it.
 */
export function whenIdle(work: () => void, timeout = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, Math.min(timeout, 500));
  return () => clearTimeout(id);
}

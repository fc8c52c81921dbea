/**
 * Seconds left for `remainingSteps` steps of `batchSize` examples at `samplesPerSecond`, or undefined
 * while the rate is unknown (no step yet, or a zero rate).
 */
export function remainingSeconds(
  remainingSteps: number,
  batchSize: number,
  samplesPerSecond: number,
): number | undefined {
  if (!(samplesPerSecond > 0) || !Number.isFinite(samplesPerSecond)) return undefined;
  return (Math.max(0, remainingSteps) * batchSize) / samplesPerSecond;
}

/** Folds a new per-batch rate into a running average that follows changes within ~10 steps. */
export function smoothRate(previous: number | undefined, sample: number, weight = 0.1): number {
  if (!Number.isFinite(sample) || sample <= 0) return previous ?? 0;
  return previous === undefined || previous <= 0 ? sample : previous + weight * (sample - previous);
}

/** "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

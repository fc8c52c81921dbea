import { lastValueFrom, tap, toArray, filter } from 'rxjs';
import type { Observable } from 'rxjs';
import type { EpochEvent, TrainEvent } from '@loom/nn';

/** Prints one line per epoch (and every `batchEvery` batches) and resolves with the epoch events. */
export async function trainWithProgress(events$: Observable<TrainEvent>, log: (line: string) => void, batchEvery = 100): Promise<EpochEvent[]> {
  return lastValueFrom(
    events$.pipe(
      tap((e) => {
        if (e.type === 'batch' && batchEvery > 0 && e.step % batchEvery === 0)
          log(`  step ${e.step} (epoch ${e.epoch + 1}, batch ${e.batch + 1}/${e.batches}): loss ${e.loss.toFixed(4)}, ${e.samplesPerSecond.toFixed(0)} samples/s`);
        if (e.type === 'epoch') log(formatEpoch(e));
        if (e.type === 'earlyStop') log(`early stop after epoch ${e.epoch + 1}: best ${e.monitor} ${e.best.toFixed(4)} at epoch ${e.bestEpoch + 1}`);
      }),
      filter((e): e is EpochEvent => e.type === 'epoch'),
      toArray(),
    ),
  );
}

export function formatEpoch(e: EpochEvent): string {
  const parts = [`epoch ${e.epoch + 1}/${e.epochs}: loss ${e.loss.toFixed(4)}`];
  if (e.accuracy !== undefined) parts.push(`accuracy ${(100 * e.accuracy).toFixed(2)}%`);
  if (e.valLoss !== undefined) parts.push(`val loss ${e.valLoss.toFixed(4)}`);
  if (e.valAccuracy !== undefined) parts.push(`val accuracy ${(100 * e.valAccuracy).toFixed(2)}%`);
  parts.push(`${e.seconds.toFixed(1)} s`);
  return parts.join(', ');
}

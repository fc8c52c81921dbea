import { saveCheckpointFile } from '@loom/nn/node';
import { fit, type TrainEvent } from '@loom/nn';
import { compileModel, datasetNames } from '@loom/model';
import { choiceOption, onePositional, parseCommandArgs, positiveIntOption, stringOption } from '../cli-args.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { loadData, withDataset } from '../load-data.js';
import { loadDocument } from '../load-document.js';
import { ProgressReporter } from '../progress-bar.js';
import { backendChoices, backendLine, selectBackend } from '../select-backend.js';

const options = {
  dataset: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  limit: { type: 'string' },
  backend: { type: 'string' },
  out: { type: 'string', short: 'o' },
} as const;

/** `model.json` → `model.ckpt`: where a checkpoint goes when --out is not given. */
export function defaultCheckpointPath(modelFile: string): string {
  return `${modelFile.replace(/\.json$/i, '')}.ckpt`;
}

/** `loom train model.json`: trains the document on its dataset with a progress bar, then saves a checkpoint. */
export async function trainCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('train', args, options);
  const file = onePositional(parsed, 'train', 'the model file (loom train model.json)');
  const epochsOption = positiveIntOption(parsed, 'epochs');
  const batchOption = positiveIntOption(parsed, 'batch-size');
  const limit = positiveIntOption(parsed, 'limit');
  const dataset = choiceOption(parsed, 'dataset', datasetNames);
  const backendChoice = choiceOption(parsed, 'backend', backendChoices);
  const out = stringOption(parsed, 'out') ?? defaultCheckpointPath(file);

  const { document, warnings } = await loadDocument(file, dataset ? (raw) => withDataset(raw, dataset) : undefined);
  if (warnings) io.err(`${warnings}\n`);
  const backend = await selectBackend(backendChoice);
  try {
    io.out(backendLine(backend.info));
    const data = await loadData(document, limit);
    const compiled = compileModel(document);
    const optimizer = compiled.makeOptimizer();
    const epochs = epochsOption ?? compiled.training.epochs;
    const batchSize = batchOption ?? compiled.training.batchSize;
    io.out(
      `training "${document.name}" on ${data.train.name}: ${data.train.size.toLocaleString('en-US')} examples, ${epochs} epoch${epochs === 1 ? '' : 's'}, batch ${batchSize}, ${compiled.module.parameterCount().toLocaleString('en-US')} parameters\n`,
    );
    const events$ = fit(compiled.module, data.train, {
      loss: compiled.loss,
      optimizer,
      epochs,
      batchSize,
      seed: compiled.training.seed,
      validationData: data.test,
    });
    const reporter = new ProgressReporter({ write: io.out, isTTY: io.isTTY ?? false, columns: io.columns });
    const last = await followTraining(events$, epochs, batchSize, reporter, io.signal);
    if (io.signal?.aborted) reporter.done('interrupted: stopped after the step in flight; saving the weights so far');
    if (last) {
      const parts = [`final: loss ${last.loss.toFixed(4)}`];
      if (last.accuracy !== undefined) parts.push(`accuracy ${(last.accuracy * 100).toFixed(2)}%`);
      if (last.valLoss !== undefined) parts.push(`test loss ${last.valLoss.toFixed(4)}`);
      if (last.valAccuracy !== undefined) parts.push(`test accuracy ${(last.valAccuracy * 100).toFixed(2)}%`);
      io.out(`${parts.join('  ')}\n`);
    }
    await saveCheckpointFile(out, compiled.module, optimizer, { model: document.name, epochs, batchSize, dataset: data.train.name });
    io.out(`checkpoint: ${out}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}

type EpochEvent = Extract<TrainEvent, { type: 'epoch' }>;

/** Draws progress for fit()'s events and resolves with the last epoch's summary. */
function followTraining(
  events$: ReturnType<typeof fit>,
  epochs: number,
  batchSize: number,
  reporter: ProgressReporter,
  signal: AbortSignal | undefined,
): Promise<EpochEvent | undefined> {
  return new Promise((resolve, reject) => {
    let last: EpochEvent | undefined;
    let lossSum = 0;
    let accuracySum = 0;
    let count = 0;
    let started = performance.now();
    let epochStarted = started;
    let firstStep: number | undefined;
    const subscription = events$.subscribe({
      next: (event) => {
        if (event.type === 'batch') {
          firstStep ??= event.step;
          if (event.batch === 0) [lossSum, accuracySum, count, epochStarted] = [0, 0, 0, performance.now()];
          if (event.step === firstStep) started = performance.now();
          lossSum += event.loss;
          accuracySum += event.accuracy ?? 0;
          count += 1;
          const total = event.batches * epochs;
          const done = event.step - firstStep + 1;
          const perStep = (performance.now() - started) / 1000 / Math.max(done - 1, 1);
          reporter.update({
            epoch: event.epoch,
            epochs,
            batch: event.batch + 1,
            batches: event.batches,
            loss: lossSum / count,
            accuracy: event.accuracy === undefined ? undefined : accuracySum / count,
            // Over the epoch so far (one batch's own rate jumps with every timer tick).
            samplesPerSecond: count > 1 ? ((count - 1) * batchSize) / ((performance.now() - epochStarted) / 1000) : event.samplesPerSecond,
            etaSeconds: done > 1 ? perStep * (total - done) : undefined,
          });
        } else if (event.type === 'epoch') {
          last = event;
          const extra = [
            event.valLoss === undefined ? '' : `  test loss ${event.valLoss.toFixed(4)}`,
            event.valAccuracy === undefined ? '' : `  test acc ${(event.valAccuracy * 100).toFixed(1)}%`,
          ].join('');
          const accuracy = event.accuracy === undefined ? '' : `  acc ${(event.accuracy * 100).toFixed(1)}%`;
          reporter.done(`epoch ${event.epoch + 1}/${event.epochs}  loss ${event.loss.toFixed(4)}${accuracy}${extra}  (${event.seconds.toFixed(1)} s)`);
        } else if (event.type === 'earlyStop') {
          reporter.done(`early stop after epoch ${event.epoch + 1} (best epoch ${event.bestEpoch + 1})`);
        }
      },
      error: (error: unknown) => reject(error instanceof Error ? new CliError(`training failed: ${error.message}`) : error),
      complete: () => resolve(last),
    });
    // Unsubscribing stops fit() after the step in flight; what was learned so far is kept.
    signal?.addEventListener(
      'abort',
      () => {
        subscription.unsubscribe();
        resolve(last);
      },
      { once: true },
    );
  });
}

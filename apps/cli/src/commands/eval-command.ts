import { evaluate } from '@loom/nn';
import { loadCheckpointFile } from '@loom/nn/node';
import { compileModel, datasetNames } from '@loom/model';
import { choiceOption, onePositional, parseCommandArgs, positiveIntOption, stringOption } from '../cli-args.js';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { loadData, withDataset } from '../load-data.js';
import { loadDocument } from '../load-document.js';
import { backendChoices, selectBackend } from '../select-backend.js';

const options = {
  checkpoint: { type: 'string', short: 'c' },
  dataset: { type: 'string' },
  limit: { type: 'string' },
  'batch-size': { type: 'string' },
  backend: { type: 'string' },
} as const;

/** `loom eval model.json --checkpoint file`: loss and accuracy of trained weights on the test split. */
export async function evalCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('eval', args, options);
  const file = onePositional(parsed, 'eval', 'the model file (loom eval model.json --checkpoint model.ckpt)');
  const checkpoint = stringOption(parsed, 'checkpoint');
  if (!checkpoint) throw usageError('loom eval: --checkpoint is required (the file `loom train` wrote)');
  const limit = positiveIntOption(parsed, 'limit');
  const batchSize = positiveIntOption(parsed, 'batch-size') ?? 256;
  const dataset = choiceOption(parsed, 'dataset', datasetNames);
  const { document, warnings } = await loadDocument(file, dataset ? (raw) => withDataset(raw, dataset) : undefined);
  if (warnings) io.err(`${warnings}\n`);
  const backend = await selectBackend(choiceOption(parsed, 'backend', backendChoices));
  try {
    const compiled = compileModel(document);
    try {
      await loadCheckpointFile(checkpoint, compiled.module);
    } catch (error) {
      throw new CliError(`${checkpoint}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const data = await loadData(document, limit);
    const split = data.test ?? data.train;
    const result = await evaluate(compiled.module, split, { loss: compiled.loss, batchSize });
    const accuracy = result.accuracy === undefined ? '' : `  accuracy ${(result.accuracy * 100).toFixed(2)}%`;
    io.out(`${split.name}, ${result.examples.toLocaleString('en-US')} examples: loss ${result.loss.toFixed(4)}${accuracy}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}

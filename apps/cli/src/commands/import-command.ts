import { readFile, writeFile } from 'node:fs/promises';
import { saveCheckpointFile } from '@loom/nn/node';
import { compileModel, importOnnx, serializeDocument } from '@loom/model';
import { onePositional, parseCommandArgs, stringOption } from '../cli-args.js';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { selectBackend } from '../select-backend.js';

const options = {
  out: { type: 'string', short: 'o' },
  checkpoint: { type: 'string', short: 'c' },
} as const;

/** `loom import model.onnx --out model.json`: an ONNX model as a document, its weights as a checkpoint. */
export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('import', args, options);
  const file = onePositional(parsed, 'import', 'the ONNX file (loom import model.onnx --out model.json)');
  const out = stringOption(parsed, 'out');
  if (!out) throw usageError('loom import: --out <model.json> is required');
  const checkpoint = stringOption(parsed, 'checkpoint') ?? `${out.replace(/\.json$/i, '')}.ckpt`;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new CliError(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let imported: ReturnType<typeof importOnnx>;
  try {
    imported = importOnnx(bytes);
  } catch (error) {
    throw new CliError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { document, stateDict } = imported;
  await writeFile(out, serializeDocument(document));
  io.out(`wrote ${out}: "${document.name}", ${document.nodes.length} nodes\n`);
  if (Object.keys(stateDict).length) {
    const backend = await selectBackend('cpu');
    try {
      const compiled = compileModel(document);
      await compiled.module.loadStateDict(stateDict);
      await saveCheckpointFile(checkpoint, compiled.module, undefined, { model: document.name, importedFrom: file });
      io.out(`wrote ${checkpoint}: the weights (use it with --checkpoint)\n`);
    } finally {
      await backend.close();
    }
  }
  return 0;
}

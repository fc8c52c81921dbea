import { writeFile } from 'node:fs/promises';
import { loadCheckpointFile } from '@loom/nn/node';
import { compileModel, exportOnnx, formatType, onnxOpset } from '@loom/model';
import { onePositional, parseCommandArgs, stringOption } from '../cli-args.js';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { loadDocument } from '../load-document.js';
import { selectBackend } from '../select-backend.js';

const options = {
  onnx: { type: 'string' },
  checkpoint: { type: 'string', short: 'c' },
} as const;

/** `loom export model.json --onnx out.onnx [--checkpoint file]`: the model (trained or freshly initialised) as ONNX. */
export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('export', args, options);
  const file = onePositional(parsed, 'export', 'the model file (loom export model.json --onnx model.onnx)');
  const target = stringOption(parsed, 'onnx');
  if (!target) throw usageError('loom export: --onnx <file> is required (the format to export to)');
  const checkpoint = stringOption(parsed, 'checkpoint');
  const { document, warnings } = await loadDocument(file);
  if (warnings) io.err(`${warnings}\n`);
  const backend = await selectBackend('cpu');
  try {
    const compiled = compileModel(document);
    if (checkpoint)
      try {
        await loadCheckpointFile(checkpoint, compiled.module);
      } catch (error) {
        throw new CliError(`${checkpoint}: ${error instanceof Error ? error.message : String(error)}`);
      }
    else io.err(`loom export: no --checkpoint given: exporting the initial (untrained) weights\n`);
    const bytes = await exportOnnx(document, compiled.module.stateDict());
    await writeFile(target, bytes);
    // ONNX reads ids as int64: say so where the document says int32.
    const inputs = compiled.inputs.map((i) => formatType(i.type).replace(/int32$/, 'int64')).join(', ');
    io.out(`wrote ${target} (ONNX opset ${onnxOpset}, ${bytes.byteLength.toLocaleString('en-US')} bytes): ${inputs} → ${formatType(compiled.output.type)}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}

/** What the editor tells the user about an ONNX export or import, in plain words. */
import { friendlyError } from '../training/friendly-error.js';
import { graphBlocker } from '../training/train-readiness.js';
import type { Diagnostic } from '../model.js';
import type { WeightsInfo } from '../session/protocol.js';

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** After a download: which file, and whether it holds what the model learned. */
export function exportedNotice(fileName: string, trained: boolean): string {
  return trained
    ? `Exported ${fileName} (ONNX, with the trained weights).`
    : `Exported ${fileName} with untrained weights: the model has not been trained yet, so these are its initial values.`;
}

/**
 * Why Export ONNX is not available for the graph as it stands (empty, or with errors: the first
 * one as the Problems list words it, naming the node), or undefined when it can export.
 */
export function onnxExportBlocker(
  nodeCount: number,
  diagnostics: readonly Diagnostic[],
): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const blocker = graphBlocker({ nodeCount, errorCount: errors.length });
  if (!blocker) return undefined;
  return errors[0] ? `${blocker}: ${errors[0].message}` : blocker;
}

/** An export the session refused (a node type without an ONNX form, …). */
export function exportFailedNotice(message: string): string {
  return `Export to ONNX failed. ${friendlyError(message)}`;
}

/** An ONNX file that could not be read: the importer's words (they name the ONNX node and op). */
export function importFailedNotice(fileName: string, message: string): string {
  return `Could not open ${fileName}. ${friendlyError(message)} The current model is unchanged.`;
}

/** After an import: the model, where its weights came from, and how they score on the test set. */
export function importedNotice(documentName: string, info: WeightsInfo): string {
  const tested = info.evaluation
    ? ` Test accuracy ${percent(info.evaluation.accuracy)} without training.`
    : '';
  return `Opened “${documentName}” with the weights from ${info.importedFrom ?? 'the file'}.${tested}`;
}

/** ONNX files in the editor: which files are ONNX, and what an export is called. */
import { fileBaseName } from '../persistence/document-file.js';

/** The largest ONNX file the editor reads (weights included; a JSON document is far smaller). */
export const maxOnnxBytes = 256 * 1024 * 1024;

/**
 * Whether a picked or dropped file is an ONNX model. ONNX files have no magic number (they are a
 * bare protobuf message), so the extension decides, as it does for Netron.
 */
export function isOnnxFile(file: { name?: string }): boolean {
  return /\.onnx$/i.test(file.name ?? '');
}

/** A file name for a document's ONNX export: its name in kebab case, `.onnx`. */
export function onnxFileName(documentName: string): string {
  return `${fileBaseName(documentName)}.onnx`;
}

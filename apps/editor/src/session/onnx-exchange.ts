import { exportOnnx, importOnnx, type GraphModule } from '@loom/model';
import type { ModelDocument } from '../model.js';
import { compileSessionModel, type SessionModel } from './session-model.js';

/** The document as ONNX bytes with `module`'s weights, in a buffer of their own (to transfer). */
export async function onnxBytes(
  document: ModelDocument,
  module: GraphModule,
): Promise<ArrayBuffer> {
  const bytes = await exportOnnx(document, module.stateDict());
  // The protobuf writer may hand back a view into a larger (pooled) buffer: transfer exactly the
  // file. A copy, since a Node Buffer's slice() is a view too.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : new Uint8Array(bytes).buffer;
}

/** Reads an ONNX file into a document and its model compiled with the file's weights loaded. */
export async function modelFromOnnx(
  bytes: Uint8Array,
): Promise<{ document: ModelDocument; model: SessionModel }> {
  const { document, stateDict } = importOnnx(bytes);
  const model = compileSessionModel(document);
  await model.module.loadStateDict(stateDict);
  return { document, model };
}

import { fromArray, type Tensor } from '@loom/graph';
import { compileModel } from '../../compile/compile-model.js';
import type { ModelDocument } from '../../document/model-document.js';
import { exportOnnx } from '../export-onnx.js';
import { importOnnx } from '../import-onnx.js';
import { randomizeState, randomValue, seededRandom } from './check-node.js';
import { maxAbsDiff, runOnnx, type HostValue } from './run-onnx.js';

/** The ONNX graph input name exportOnnx gives a source port of a document. */
export function onnxInputName(doc: ModelDocument, nodeId: string): string {
  return doc.nodes.find((n) => n.id === nodeId)?.type === 'dataset' ? 'input' : nodeId;
}

/**
 * Compiles a document (weights as initialised, from the document's seed; BatchNorm statistics
 * random, so they matter), runs it in evaluation mode on random inputs, and
 * runs its ONNX export in onnxruntime; then does the same for the import of that export. Returns
 * the worst absolute differences from Loom's output.
 */
export async function checkDocumentAgainstOnnx(doc: ModelDocument, { batch = 2, seed = 11 } = {}): Promise<{ exported: number; roundTrip: number; bytes: number }> {
  const random = seededRandom(seed);
  const compiled = compileModel(doc);
  await compiled.module.loadStateDict(randomizeState(compiled.module.stateDict(), random, /running(Mean|Var)$/));
  compiled.module.eval();
  const vocabulary = Math.min(...doc.nodes.filter((n) => n.type === 'Embedding').map((n) => Number(n.params.numEmbeddings)), 1000);
  const feeds: Record<string, HostValue> = {};
  const tensors: Tensor[] = [];
  for (const { ref, type } of compiled.inputs) {
    const shape = type.shape.map((d) => (typeof d === 'number' ? d : batch));
    const value = randomValue({ dtype: type.dtype, shape }, random, vocabulary);
    feeds[onnxInputName(doc, ref.node)] = value;
    tensors.push(fromArray(value.data, shape));
  }
  const expected = await compiled.module.forward(...tensors).data();
  const outputOf = (result: Record<string, HostValue>) => Object.values(result)[0]?.data ?? [];
  const onnx = await exportOnnx(doc, compiled.module.stateDict());
  const exported = maxAbsDiff(expected, outputOf(await runOnnx(onnx, feeds)));
  const imported = importOnnx(onnx);
  const again = await exportOnnx(imported.document, imported.stateDict);
  const roundTrip = maxAbsDiff(expected, outputOf(await runOnnx(again, feeds)));
  return { exported, roundTrip, bytes: onnx.byteLength };
}

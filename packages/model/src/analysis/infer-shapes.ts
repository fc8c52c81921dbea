import type { Diagnostic } from '../document/diagnostic.js';
import type { ModelDocument } from '../document/model-document.js';
import { ModelAnalysis } from './model-analysis.js';
import type { TensorType } from './tensor-type.js';

/**
 * The type of every output port of every node whose inputs could be typed, with the diagnostics
 * of the nodes that could not. Batch dims are the symbol 'N'.
 *
 * @example inferShapes(doc).shapes.get('conv1')?.out // { dtype: 'float32', shape: ['N', 32, 26, 26] }
 */
export function inferShapes(doc: ModelDocument): { shapes: Map<string, Record<string, TensorType>>; diagnostics: Diagnostic[] } {
  const analysis = new ModelAnalysis(doc);
  const shapes = new Map<string, Record<string, TensorType>>();
  for (const node of analysis.graph.order) {
    const types = analysis.shapesOf(node.id);
    if (types) shapes.set(node.id, types);
  }
  return { shapes, diagnostics: analysis.diagnostics() };
}

import type { Diagnostic } from '../document/diagnostic.js';
import type { DocEdge, DocNode, PortRef } from '../document/model-document.js';
import { ShapeError } from '../node-types/shape-error.js';
import { nodeTypes } from '../node-types/registry.js';
import { resolveParams } from './resolve-params.js';
import { formatType, type TensorType } from './tensor-type.js';

/** One node's analysis: its output types (when they could be inferred) and its own diagnostics. */
export interface NodeAnalysis {
  shapes?: Record<string, TensorType>;
  diagnostics: Diagnostic[];
}

/**
 * Analyses one node given the types on its input edges: params, required inputs, port dtypes and
 * ranks, then the type's shape rule. Never throws: a failing rule becomes a diagnostic on the node.
 * When an upstream type is unknown (its node failed), the node gets no shapes and no extra errors.
 */
export function analyzeNode(node: DocNode, incoming: ReadonlyMap<string, DocEdge>, typeOf: (ref: PortRef) => TensorType | undefined): NodeAnalysis {
  const definition = nodeTypes.definition(node.type);
  if (!definition) return { diagnostics: [] }; // reported by DocumentGraph
  const label = `${definition.type} "${node.label ?? node.id}"`;
  const { params, diagnostics, valid } = resolveParams(definition, node);
  const inputs: Record<string, TensorType> = {};
  let complete = valid;
  for (const spec of definition.inputs) {
    const edge = incoming.get(spec.name);
    if (!edge) {
      if (!spec.optional) {
        diagnostics.push({ severity: 'error', code: 'missing-input', nodeId: node.id, port: spec.name, message: `${label}: input "${spec.name}" is not connected` });
        complete = false;
      }
      continue;
    }
    const type = typeOf(edge.from);
    if (!type) {
      complete = false;
      continue;
    }
    const at = { nodeId: node.id, port: spec.name, edgeId: edge.id };
    if (spec.dtype !== 'any' && type.dtype !== spec.dtype) {
      diagnostics.push({ severity: 'error', code: 'dtype-mismatch', ...at, message: `${label}: input "${spec.name}" needs ${spec.dtype} but gets ${formatType(type)}` });
      complete = false;
    } else if (spec.rank && !spec.rank.includes(type.shape.length)) {
      diagnostics.push({
        severity: 'error',
        code: 'rank-mismatch',
        ...at,
        message: `${label}: input "${spec.name}" needs rank ${spec.rank.join(' or ')} but gets ${formatType(type)} (rank ${type.shape.length})`,
      });
      complete = false;
    }
    inputs[spec.name] = type;
  }
  if (!complete) return { diagnostics };
  try {
    return { shapes: definition.inferShapes(inputs, params), diagnostics };
  } catch (error) {
    if (error instanceof ShapeError) {
      const edge = error.port ? incoming.get(error.port) : undefined;
      diagnostics.push({
        severity: 'error',
        code: error.code,
        nodeId: node.id,
        ...(error.port ? { port: error.port } : {}),
        ...(error.field ? { field: error.field } : {}),
        ...(edge ? { edgeId: edge.id } : {}),
        message: `${label}${error.port ? ` input "${error.port}"` : ''}: ${error.message}`,
      });
    } else diagnostics.push({ severity: 'error', code: 'internal', nodeId: node.id, message: `${label}: shape inference failed: ${String(error)}` });
    return { diagnostics };
  }
}

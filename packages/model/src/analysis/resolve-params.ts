import type { Diagnostic } from '../document/diagnostic.js';
import type { DocNode, ParamValue } from '../document/model-document.js';
import type { NodeType, ParamSpec } from '../node-types/node-type.js';

/** A node's params with defaults filled in, and what was wrong with the ones it set. */
export interface ResolvedParams {
  params: Record<string, ParamValue>;
  diagnostics: Diagnostic[];
  /** False when an error makes the params unusable (rules and builders must not run). */
  valid: boolean;
}

function problem(spec: ParamSpec, value: ParamValue): string | undefined {
  if (value === null) return spec.nullable ? undefined : 'must be set';
  const range = (n: number) =>
    (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)
      ? `must be in [${spec.min ?? '−∞'}, ${spec.max ?? '∞'}], got ${n}`
      : undefined;
  switch (spec.kind) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? range(value) : `must be an integer, got ${JSON.stringify(value)}`;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? range(value) : `must be a finite number, got ${JSON.stringify(value)}`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${JSON.stringify(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string, got ${JSON.stringify(value)}`;
    case 'enum':
      return typeof value === 'string' && spec.options?.includes(value) ? undefined : `must be one of ${spec.options?.join(', ')}, got ${JSON.stringify(value)}`;
    case 'ints':
      if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) return `must be a list of integers, got ${JSON.stringify(value)}`;
      return value.map(range).find((m) => m !== undefined);
  }
}

/**
 * Fills in defaults and checks every param a node sets against its spec (kind, range, options):
 * one located diagnostic per bad or unknown param, all at once.
 */
export function resolveParams(nodeType: NodeType, node: DocNode): ResolvedParams {
  const params: Record<string, ParamValue> = {};
  const diagnostics: Diagnostic[] = [];
  const label = `${nodeType.type} "${node.label ?? node.id}"`;
  for (const spec of nodeType.params) {
    const value = Object.hasOwn(node.params, spec.name) ? node.params[spec.name] : spec.default;
    const message = problem(spec, value);
    if (message) diagnostics.push({ severity: 'error', code: 'invalid-param', nodeId: node.id, field: spec.name, message: `${label}: ${spec.name} ${message}` });
    params[spec.name] = Array.isArray(value) ? [...value] : value;
  }
  for (const name of Object.keys(node.params))
    if (!nodeType.params.some((spec) => spec.name === name))
      diagnostics.push({ severity: 'warning', code: 'unknown-param', nodeId: node.id, field: name, message: `${label} has no parameter "${name}"; it is ignored` });
  return { params, diagnostics, valid: !diagnostics.some((d) => d.severity === 'error') };
}

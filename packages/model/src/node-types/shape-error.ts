/** Thrown by a node type's shape rule: the message and, when one port is at fault, its name. */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly port?: string,
    readonly code: 'shape-mismatch' | 'dtype-mismatch' | 'rank-mismatch' | 'invalid-param' = 'shape-mismatch',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

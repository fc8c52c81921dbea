import type { Diagnostic } from '../document/diagnostic.js';

/** Thrown when a document cannot be compiled; carries the located diagnostics. */
export class DocumentError extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(diagnostics.length ? `${message}:\n${diagnostics.map((d) => `  - ${d.message}`).join('\n')}` : message);
    this.name = 'DocumentError';
  }
}

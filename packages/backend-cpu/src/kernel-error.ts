/**
 * Runs a kernel and re-throws any error prefixed with the launch's label ("gather #12: index 7 …").
 * Kernels name their op ("gather: …"); the label names it already, so that prefix is dropped.
 */
export function withLabel(label: string, op: string | undefined, run: () => void): void {
  try {
    run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith(`${label}: `)) throw error;
    const detail = op && message.startsWith(`${op}: `) ? message.slice(op.length + 2) : message;
    throw new Error(`${label}: ${detail}`, { cause: error });
  }
}

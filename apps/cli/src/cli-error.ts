/**
 * An error the CLI reports as one message and an exit code, without a stack: 2 for a bad command
 * line (usage), 1 for a bad input file or a failed run.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage error (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

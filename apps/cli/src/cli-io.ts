/** Where the CLI writes: the process's stdout/stderr, or strings in tests. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stdout is a terminal: progress redraws one line in place (default false: plain lines). */
  isTTY?: boolean;
  /** Terminal width, when known. */
  columns?: number;
  /**
   * Aborting stops `loom train` after the step in flight (it still saves its checkpoint). The bin
   * does not wire Ctrl-C to it: with the in-process CPU backend fit() never yields to the event
   * loop, so a SIGINT handler would only run at the end — Ctrl-C keeps its default (exit at once).
   */
  signal?: AbortSignal;
}

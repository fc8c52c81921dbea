import { helpText } from './help.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const cliVersion = '0.0.0';

/** Runs the `loom` command line and returns its exit code; the caller owns the process. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command] = args;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(helpText);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(`${cliVersion}\n`);
    return 0;
  }
  io.err(`loom: unknown command "${command}". Run "loom --help" for the list of commands.\n`);
  return 2;
}

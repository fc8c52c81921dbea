import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { commandHelp, helpText } from './help.js';

export type { CliIo } from './cli-io.js';

export const cliVersion = '0.0.0';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Each command, loaded when it runs (so `loom --help` does not load the model and backends). */
const commands: Record<keyof typeof commandHelp, () => Promise<Command>> = {
  train: async () => (await import('./commands/train-command.js')).trainCommand,
  eval: async () => (await import('./commands/eval-command.js')).evalCommand,
  export: async () => (await import('./commands/export-command.js')).exportCommand,
  import: async () => (await import('./commands/import-command.js')).importCommand,
  templates: async () => (await import('./commands/templates-command.js')).templatesCommand,
  bench: async () => (await import('./commands/bench-command.js')).benchCommand,
};

function isCommand(name: string): name is keyof typeof commands {
  return Object.hasOwn(commands, name);
}

/**
 * Runs the `loom` command line and returns its exit code (0 ok, 1 a bad input file or a failed
 * run, 2 a bad command line); messages go to `io.err`. The caller owns the process.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(helpText);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(`${cliVersion}\n`);
    return 0;
  }
  if (!isCommand(command)) {
    io.err(`loom: unknown command "${command}". Run "loom --help" for the list of commands.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp[command]);
    return 0;
  }
  try {
    return await (await commands[command]())(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`${error.message}\n`);
      return error.exitCode;
    }
    io.err(`loom ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

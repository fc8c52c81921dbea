export { runCli, cliVersion, type CliIo } from './run-cli.js';
export { helpText } from './help.js';

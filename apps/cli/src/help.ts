/** The text `loom --help` prints: only what this version of the command does. */
export const helpText = `loom — build, train and export Loom models from a terminal

Usage:
  loom [options]

Options:
  -h, --help           show this help
  -v, --version        show the version

The train, eval, export and bench commands arrive with the model document (@loom/model); until
then, train models in code (see examples/) or run the benchmarks with \`npm run bench\`.
`;

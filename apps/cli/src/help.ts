/** The text `loom --help` prints. */
export const helpText = `loom — build, train and export Loom models from a terminal

Usage:
  loom <command> [options]

Commands:
  train <model.json>   train a model document (--dataset, --epochs, --backend, --out)
  eval <checkpoint>    evaluate a trained checkpoint on a dataset's test split
  export <model.json>  export a model (--onnx, --ts)
  bench                run the benchmark suite

Options:
  -h, --help           show this help
  -v, --version        show the version
`;

/** The text `loom --help` prints: every command and what it does. */
export const helpText = `loom — build, train and export Loom models from a terminal

Usage:
  loom <command> [options]

Commands:
  train <model.json>       train a model on its dataset, with a progress bar; saves a checkpoint
  eval <model.json>        loss and accuracy of a checkpoint on the test data (--checkpoint file)
  export <model.json>      write the model as ONNX (--onnx out.onnx [--checkpoint file])
  import <model.onnx>      read an ONNX model into a model document (--out model.json)
  templates [id]           list the shipped models, or print/write one (--out file)
  bench                    a quick matmul and MLP-training measurement on this machine

Options:
  -h, --help           show this help (or a command's: loom train --help)
  -v, --version        show the version

Example:
  loom templates mlp --out mlp.json
  loom train mlp.json --epochs 1 --limit 2000 --out mlp.ckpt
  loom eval mlp.json --checkpoint mlp.ckpt
  loom export mlp.json --checkpoint mlp.ckpt --onnx mlp.onnx
`;

/** Each command's own --help. */
export const commandHelp = {
  train: `Usage: loom train <model.json> [options]

Trains the model on the data its dataset node names and saves a checkpoint.

Options:
  --dataset <name>       use another dataset (mnist, spirals, circles, xor, blobs, linear-regression,
                         sine, alice-text, reverse-digits); the model must fit its shapes
  --epochs <n>           epochs (default: the document's training.epochs)
  --batch-size <n>       examples per step (default: the document's training.batchSize)
  --limit <n>            use only the first n training (and test) examples: a quick run
  --backend <name>       auto | cpu | pool | webgpu (default auto: the in-process CPU in Node)
  -o, --out <file>       the checkpoint to write (default: the model file with .ckpt)

Progress (epoch, step, loss, accuracy, samples/s, ETA) redraws one line on a terminal and prints
plain lines otherwise (pipes, CI logs).
`,
  eval: `Usage: loom eval <model.json> --checkpoint <file> [options]

Loads the checkpoint's weights and reports loss and accuracy on the dataset's test split (the
training data when the dataset has none).

Options:
  -c, --checkpoint <file>  weights written by loom train (required)
  --dataset <name>         evaluate on another dataset
  --limit <n>              use only the first n examples
  --batch-size <n>         examples per step (default 256)
  --backend <name>         auto | cpu | pool | webgpu
`,
  export: `Usage: loom export <model.json> --onnx <out.onnx> [--checkpoint <file>]

Writes the model as an ONNX file (opset 17; batch dimension 'N'; dropout off, BatchNorm with its
running statistics). Without --checkpoint the initial weights are exported.

Options:
  --onnx <file>            the ONNX file to write (required)
  -c, --checkpoint <file>  trained weights from loom train
`,
  import: `Usage: loom import <model.onnx> --out <model.json> [--checkpoint <file>]

Reads an ONNX model (opset 13+) into a model document, and its weights into a checkpoint
(default: the --out file with .ckpt). A model Loom exported comes back node for node; others are
read op by op (Gemm, MatMul, Conv, pools, norms, Gather, activations, RNN/LSTM/GRU, Add, Concat,
Reshape, Transpose around RNNs…); an unsupported op is an error naming the node and the op.

Options:
  -o, --out <file>         the model document to write (required)
  -c, --checkpoint <file>  where to write the weights
`,
  templates: `Usage: loom templates [id] [--out <file>]

Without an id, lists the shipped models. With one (linear-regression, mlp, cnn, char-lstm,
transformer), prints its model document, or writes it to --out.
`,
  bench: `Usage: loom bench [--backend <name>] [--size <n>] [--repeats <n>]

A quick built-in measurement on this machine: an n×n float32 matmul (default 512; best of
--repeats runs, default 5) in GFLOP/s, and training samples/s of the MLP 784-128-64-10 at batch
64 with SGD on random data. For the peer comparison with tfjs and jax-js run \`npm run bench\`.
`,
} as const;

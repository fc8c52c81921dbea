import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { detectWasmFeatures } from '@loom/backend-cpu';
import { runConvSuite } from './conv-suite.js';
import { jaxConv, jaxMatmul, jaxReduce } from './engines/jax-engine.js';
import { loomReferenceMatmul, loomReferenceReduce } from './engines/loom-reference-engine.js';
import { loomWasmEngines, loomWasmReduce } from './engines/loom-wasm-engine.js';
import { tfjsMatmul, tfjsReduce, tfjsWasmConv } from './engines/tfjs-engine.js';
import { runFmaChild } from './fma-report.js';
import { convTable, matmulTables, reduceTable } from './kernel-report.js';
import { runMatmulSuite } from './matmul-suite.js';
import { runReduceSuite } from './reduce-suite.js';
import { chainTable, runChainSuite } from './chain-suite.js';
import { runTrainingSuite, trainingTable } from './training-suite.js';

// `--only training` (or matmul, conv, reduce, chain) runs one suite; the default runs them all.
// `--json <file>` writes the JSON there instead of results/ (run-all.ts collects it from there).
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const wanted = (suite: string) => only === undefined || only === suite;

// Loom's kernels next to their peers, all on one thread. The FMA variant runs in a child process
// afterwards (it needs a V8 flag); nothing runs concurrently, so no engine steals another's core.
const started = performance.now();
const load = loadavg()[0];
const loom = loomWasmEngines(false);
const matmul = wanted('matmul')
  ? await runMatmulSuite([loom.matmul, loomReferenceMatmul, tfjsMatmul('cpu'), tfjsMatmul('wasm'), jaxMatmul])
  : [];
const conv = wanted('conv') ? await runConvSuite([loom.conv, tfjsWasmConv, jaxConv]) : [];
const reduce = wanted('reduce')
  ? await runReduceSuite([loomWasmReduce(), loomReferenceReduce, tfjsReduce('cpu'), tfjsReduce('wasm'), jaxReduce])
  : [];
const chain = wanted('chain') ? await runChainSuite() : [];
const training = wanted('training') ? await runTrainingSuite() : [];
const fma = wanted('matmul') || wanted('conv') ? runFmaChild() : undefined;

const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  loadAverageAtStart: load,
  wasm: detectWasmFeatures(),
  seconds: (performance.now() - started) / 1000,
};
process.stdout.write(
  `## Loom kernel benchmarks\n\n${environment.cpu}, ${environment.cores} cores, Node ${environment.node}, ` +
    `load average ${load.toFixed(2)} at start. Throughput is per CPU-second of this process ` +
    `(user + system time) in each case's fastest run: for these single-threaded engines that ` +
    `equals wall-clock throughput on an idle machine, and it barely moves when other processes ` +
    `share the cores. Medians and wall-clock times are in results/kernels.json. ` +
    `✗ marks a result that failed its correctness check.\n\n` +
    (matmul.length && fma ? matmulTables(matmul, fma) + '\n' : '') +
    (conv.length && fma ? convTable(conv, fma) + '\n' : '') +
    (reduce.length ? reduceTable(reduce) + '\n' : '') +
    (chain.length ? chainTable(chain) + '\n' : '') +
    (training.length ? trainingTable(training) : '') +
    `\nTotal ${environment.seconds.toFixed(0)} s.\n`,
);
const resultsDir = new URL('../results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const jsonAt = process.argv.indexOf('--json');
writeFileSync(
  jsonAt >= 0 ? process.argv[jsonAt + 1] : new URL(only ? `kernels-${only}.json` : 'kernels.json', resultsDir),
  JSON.stringify({ environment, matmul, conv, reduce, chain, training, fma }, null, 2) + '\n',
);

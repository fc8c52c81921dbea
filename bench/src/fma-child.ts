// Entry point of the child process `fma-report.ts` starts with --experimental-wasm-relaxed-simd.
import { detectWasmFeatures } from '@loom/backend-cpu';
import { runConvSuite } from './conv-suite.js';
import { loomWasmEngines } from './engines/loom-wasm-engine.js';
import type { FmaReport } from './fma-report.js';
import { runMatmulSuite } from './matmul-suite.js';

let report: FmaReport;
if (!detectWasmFeatures().relaxedSimd) {
  report = { available: false, reason: 'this Node does not validate f32x4.relaxed_madd' };
} else {
  const { matmul, conv } = loomWasmEngines(true);
  report = {
    available: true,
    matmul: await runMatmulSuite([matmul]),
    conv: await runConvSuite([conv]),
  };
}
process.stdout.write(JSON.stringify(report) + '\n');

#!/usr/bin/env node
import { enableRelaxedSimd } from '@loom/backend-cpu/node';
import { runCli } from './run-cli.js';

// The CLI owns its process: give Node 20 the relaxed-SIMD FMA kernels (Chromium and Node ≥ 22 have them).
enableRelaxedSimd();

const io = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
};
process.exitCode = await runCli(process.argv.slice(2), io);

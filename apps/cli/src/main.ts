#!/usr/bin/env node
import { runCli } from './run-cli.js';

const io = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
};
process.exitCode = await runCli(process.argv.slice(2), io);

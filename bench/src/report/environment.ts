import { cpus, loadavg } from 'node:os';
import type { Environment } from './report-types.js';

/** The machine and load at the start of a run; the end fields are filled when it finishes. */
export function startEnvironment(quick: boolean): Environment {
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    loadAverageAtStart: loadavg(),
    quick,
  };
}

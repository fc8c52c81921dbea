import { measure } from './measure.js';
import { toMarkdown } from './report.js';

// The suites arrive with the kernels they measure; this run measures the harness itself.
const rows = [await measure('empty function (harness overhead)', () => undefined)];
process.stdout.write(toMarkdown('Loom benchmarks', rows));

/**
 * Re-renders results/report.md (and report.json's tables) from the raw figures report.json keeps,
 * without measuring anything: for a change to the report code after a run. `node dist/render-saved.js`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReport } from './report/build-report.js';
import { figureSetsOf, type RawResults } from './report/raw-results.js';
import { renderReport } from './report/render-report.js';
import type { Report } from './report/report-types.js';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const saved = JSON.parse(readFileSync(`${resultsDir}report.json`, 'utf8')) as Report & { raw: RawResults };
const report = buildReport(saved.environment, figureSetsOf(saved.raw), saved.failures);
writeFileSync(`${resultsDir}report.md`, renderReport(report));
writeFileSync(`${resultsDir}report.json`, JSON.stringify({ ...saved, ...report }, null, 2) + '\n');
process.stdout.write(`Re-rendered ${resultsDir}report.md from report.json.\n`);

/**
 * `npm run bench`: every benchmark of the repo in one run, one part after another (never two at
 * once: the machine has two cores), then one report — results/report.md and results/report.json.
 *
 * 1. the kernel suites (`main.ts --only <suite>`, each in its own Node process),
 * 2. @loom/workers' benchmark (matmul 1024 on 1 and 2 workers, round trips, MLP through the pool),
 * 3. the WebGPU page in headless Chromium (`webgpu/run-webgpu-bench.ts`).
 *
 * `--quick` runs a shorter selection (chain and training suites, smaller WebGPU cases).
 * The workers' benchmark compiles its own bench files fresh into packages/workers/dist-bench
 * (outside turbo's cached outputs); a part that writes no JSON is reported as failed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport } from './report/build-report.js';
import { startEnvironment } from './report/environment.js';
import type { KernelResults } from './report/kernel-figures.js';
import { figureSetsOf, type RawResults } from './report/raw-results.js';
import { renderReport } from './report/render-report.js';
import type { Report } from './report/report-types.js';
import { webgpuEngineLabel } from './report/webgpu-label.js';
import type { WorkersResults } from './report/workers-figures.js';
import { runPart } from './run-part.js';
import type { PageBenchOptions } from './webgpu/page-protocol.js';
import { runWebGpuBench } from './webgpu/run-webgpu-bench.js';

const quick = process.argv.includes('--quick');
const started = performance.now();
const environment = startEnvironment(quick);
const benchDir = fileURLToPath(new URL('../', import.meta.url));
const repoDir = fileURLToPath(new URL('../../', import.meta.url));
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });

const raw: RawResults = { kernels: [] };
const failures: Report['failures'] = [];
const log = (text: string) => process.stderr.write(`\n[bench] ${text} (load average ${loadavg()[0].toFixed(2)})\n`);

async function part(name: string, run: () => Promise<void>): Promise<void> {
  log(`${name}…`);
  try {
    await run();
  } catch (error) {
    failures.push({ part: name, error: error instanceof Error ? error.message : String(error) });
    log(`${name} failed: ${failures[failures.length - 1].error}`);
  }
}

// 1. Kernel suites, one process each, each writing its JSON into a temporary folder.
const scratch = mkdtempSync(join(tmpdir(), 'loom-bench-'));
const suites = quick ? ['chain', 'training'] : ['matmul', 'conv', 'chain', 'training'];
for (const suite of suites) {
  await part(`kernel suite "${suite}"`, async () => {
    const file = join(scratch, `kernels-${suite}.json`);
    await runPart(process.execPath, [join(benchDir, 'dist', 'main.js'), '--only', suite, '--json', file], benchDir);
    const results = JSON.parse(readFileSync(file, 'utf8')) as KernelResults;
    raw.kernels.push(results);
  });
}

// 2. The worker pool's benchmark, built and run by its own script, with a JSON copy of its figures;
// always with its `--quick` (MLP at batch 64 only: the report compares batch 64).
await part('@loom/workers benchmark', async () => {
  const file = join(scratch, 'workers.json');
  await runPart('npm', ['run', 'bench', '-w', '@loom/workers', '--', '--quick', '--json', file], repoDir);
  if (!existsSync(file)) throw new Error(`it wrote no ${file} (is packages/workers/dist-bench/main.js current?)`);
  const results = JSON.parse(readFileSync(file, 'utf8')) as WorkersResults;
  raw.workers = results;
});

// 3. WebGPU in Chromium, on the page's main thread. On SwiftShader matmul 1024 takes ~3.5 s a run
// and a CNN step ~8 s, so the quick run leaves them (and 1M-element chains) out.
const webgpuOptions: PageBenchOptions = quick
  ? { matmulSizes: [128, 256], chainLength: 2 ** 18, conv: false, budgetMs: 500 }
  : { matmulSizes: [128, 256, 512, 1024], chainLength: 2 ** 20, conv: true, budgetMs: 2000 };
await part('WebGPU in Chromium', async () => {
  const run = await runWebGpuBench(webgpuOptions);
  raw.webgpu = run;
  environment.chromium = run.chromium;
  environment.webgpuAdapter = `${run.backendDescription} → rows labelled "${webgpuEngineLabel(run.adapter)}"`;
});

rmSync(scratch, { recursive: true, force: true });
environment.loadAverageAtEnd = loadavg();
environment.seconds = (performance.now() - started) / 1000;
const report = buildReport(environment, figureSetsOf(raw), failures);
const markdown = renderReport(report);
writeFileSync(join(resultsDir, 'report.md'), markdown);
writeFileSync(join(resultsDir, 'report.json'), JSON.stringify({ ...report, webgpuOptions, raw }, null, 2) + '\n');
process.stdout.write(`\n${markdown}\nWritten to ${join(resultsDir, 'report.md')} and report.json.\n`);
process.exit(failures.length ? 1 : 0);

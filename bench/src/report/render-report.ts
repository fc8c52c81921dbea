import { renderBenchmark } from './render-benchmark.js';
import type { Environment, Report } from './report-types.js';

const loads = (l: readonly number[] | undefined) => (l ? l.map((v) => v.toFixed(2)).join(' / ') : '—');

function renderEnvironment(env: Environment): string {
  return [
    `- date: ${env.date}${env.quick ? ' (--quick run)' : ''}${env.seconds !== undefined ? `, ${env.seconds.toFixed(0)} s in all` : ''}`,
    `- CPU: ${env.cpu}, ${env.cores} cores; Node ${env.node}`,
    `- load average (1 / 5 / 15 min): ${loads(env.loadAverageAtStart)} at start, ${loads(env.loadAverageAtEnd)} at end`,
    `- Chromium: ${env.chromium ?? 'not run'}; WebGPU adapter: ${env.webgpuAdapter ?? 'none'}`,
  ].join('\n');
}

/** The whole report: environment, one table per benchmark, and any part that failed. */
export function renderReport(report: Report): string {
  const failures = report.failures.length
    ? `\n### Parts that failed\n\n${report.failures.map((f) => `- ${f.part}: ${f.error}`).join('\n')}\n`
    : '';
  return (
    `## Loom benchmarks\n\n${renderEnvironment(report.environment)}\n\n` +
    'Ratio columns are "Loom / peer" as ×faster on the same case (throughput ÷ throughput, or time ÷ time ' +
    'inverted); they are filled on Loom rows only. "CPU-s" figures are per CPU-second of a single-threaded ' +
    'process (robust to other load); "wall" figures are wall-clock and move with the machine\'s load.\n\n' +
    report.benchmarks.map(renderBenchmark).join('\n') +
    failures
  );
}

import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { fakeEnvironment, fakeRoundTrips, fakeTraining } from './fake-figures.js';
import { renderBenchmark } from './render-benchmark.js';

const lines = () => renderBenchmark(buildReport(fakeEnvironment, [fakeTraining]).benchmarks[0]).split('\n');
const row = (start: string) => lines().find((l) => l.startsWith(start));

describe('renderBenchmark', () => {
  it('has a "Loom / peer" column for each peer', () => {
    expect(row('| case'))
      .toBe('| case | engine | samples/s | timing | Loom / tfjs cpu | Loom / tfjs wasm | Loom / jax-js |');
  });

  it('fills a Loom row with its value and its ratio against every peer', () => {
    expect(row('| MLP | Loom')).toBe('| MLP | Loom CPU pool, 2 workers | 8,000 | wall | 8.00× | 2.00× | 0.80× |');
  });

  it('shows a peer that cannot run a case as "n/a (reason)" and its ratio as n/a', () => {
    expect(row('| CNN | tfjs wasm')).toBe('| CNN | tfjs wasm (XNNPACK) | n/a (no Conv2DBackpropFilter kernel) |  |  |  |  |');
    expect(row('| CNN | Loom')).toBe('| CNN | Loom CPU pool, 2 workers | 400 | wall | — | n/a | 2.00× |');
  });

  it('has no ratio columns when no peer measured the benchmark', () => {
    const table = renderBenchmark(buildReport(fakeEnvironment, [fakeRoundTrips]).benchmarks[0]);
    expect(table).toContain('| empty program | Loom CPU pool, 1 worker | 80.0 | wall |\n');
    expect(table).not.toContain('Loom / ');
  });

  it('leaves the ratio cells of peer rows empty', () => {
    expect(row('| MLP | jax-js')).toBe('| MLP | jax-js wasm | 10,000 | wall |  |  |  |');
  });
});

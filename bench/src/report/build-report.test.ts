import { describe, expect, it } from 'vitest';
import { buildReport } from './build-report.js';
import { fakeEnvironment, fakeRoundTrips, fakeTraining } from './fake-figures.js';
import { renderReport } from './render-report.js';

describe('buildReport', () => {
  it('orders tables as the catalog does and leaves out benchmarks nobody measured', () => {
    const report = buildReport(fakeEnvironment, [fakeRoundTrips, fakeTraining]);
    expect(report.benchmarks.map((b) => b.id)).toEqual(['training', 'round-trip']);
  });

  it('merges the sources into one table grouped by case, Loom rows before the peers', () => {
    const webgpu = { training: [{ case: 'MLP', engine: 'Loom WebGPU, emulated (SwiftShader)', value: 700 }] };
    const training = buildReport(fakeEnvironment, [fakeTraining, webgpu]).benchmarks[0];
    expect(training.figures.filter((f) => f.case === 'MLP').map((f) => f.engine)).toEqual([
      'Loom CPU pool, 2 workers',
      'Loom WebGPU, emulated (SwiftShader)',
      'tfjs cpu',
      'tfjs wasm (XNNPACK)',
      'jax-js wasm',
    ]);
    expect(training.figures.slice(0, 5).every((f) => f.case === 'MLP')).toBe(true);
  });
});

describe('renderReport', () => {
  it('states the load average at start and end and the WebGPU adapter', () => {
    const markdown = renderReport(buildReport(fakeEnvironment, [fakeTraining]));
    expect(markdown).toContain('0.50 / 0.70 / 0.90 at start, 1.50 / 1.10 / 1.00 at end');
    expect(markdown).toContain('WebGPU adapter: WebGPU on google swiftshader');
  });

  it('lists the parts that failed with their errors', () => {
    const markdown = renderReport(buildReport(fakeEnvironment, [], [{ part: 'WebGPU in Chromium', error: 'no adapter' }]));
    expect(markdown).toContain('- WebGPU in Chromium: no adapter');
  });
});

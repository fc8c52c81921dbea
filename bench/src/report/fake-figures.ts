import type { FigureSet } from './benchmark-catalog.js';
import type { Environment } from './report-types.js';

// Made-up measurements for the report builder's tests (no timing anywhere).

export const fakeEnvironment: Environment = {
  date: '2026-11-23T21:00:00.000Z',
  cpu: 'Test CPU',
  cores: 2,
  node: 'v20.20.2',
  loadAverageAtStart: [0.5, 0.7, 0.9],
  loadAverageAtEnd: [1.5, 1.1, 1],
  chromium: '156.0.0.0',
  webgpuAdapter: 'WebGPU on google swiftshader',
  quick: false,
};

export const fakeTraining: FigureSet = {
  training: [
    { case: 'MLP', engine: 'Loom CPU pool, 2 workers', basis: 'wall', value: 8000 },
    { case: 'MLP', engine: 'tfjs cpu', peer: 'tfjs cpu', basis: 'wall', value: 1000 },
    { case: 'MLP', engine: 'tfjs wasm (XNNPACK)', peer: 'tfjs wasm', basis: 'wall', value: 4000 },
    { case: 'MLP', engine: 'jax-js wasm', peer: 'jax-js', basis: 'wall', value: 10000 },
    { case: 'CNN', engine: 'Loom CPU pool, 2 workers', basis: 'wall', value: 400 },
    { case: 'CNN', engine: 'tfjs wasm (XNNPACK)', peer: 'tfjs wasm', reason: 'no Conv2DBackpropFilter kernel' },
    { case: 'CNN', engine: 'jax-js wasm', peer: 'jax-js', basis: 'wall', value: 200 },
  ],
};

export const fakeRoundTrips: FigureSet = {
  'round-trip': [{ case: 'empty program', engine: 'Loom CPU pool, 1 worker', basis: 'wall', value: 80 }],
};

/**
 * Runs the shared conformance table on the Node backends. A browser runner (WebGPU) reuses the same
 * table and checks from `@loom/conformance`, registering its own backend instead.
 */
import { registerBackend, setSchedulerOptions } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiChecks } from './api-checks.js';
import { checkForward, checkGradFiniteDifference, checkGradTfjs, checksFor, prepareTfjsOracle } from './check.js';
import { checkRecordError, errorCases } from './error-cases.js';
import { opCases } from './op-cases.js';

// 'cpu' runs matmul, conv2d and reductions as WASM SIMD kernels; 'cpu-js' only the reference kernels.
registerBackend('cpu', () => new CpuBackend());
registerBackend('cpu-js', () => new CpuBackend({ wasm: false }));

beforeAll(async () => {
  await prepareTfjsOracle();
});

it('every case in the table has a unique name', () => {
  const names = [...opCases, ...errorCases].map((c) => c.name);
  expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
});

// Every op runs through the fused schedule (the default) and through one kernel per primitive.
const schedules = [
  { name: 'fused kernels', fuse: true },
  { name: 'one kernel per primitive', fuse: false },
];

describe.each(['cpu', 'cpu-js'])('%s backend', (backend) => {
  describe.each(schedules)('ops, $name', ({ fuse }) => {
    beforeAll(() => setSchedulerOptions({ fuse }));
    afterAll(() => setSchedulerOptions({ fuse: true }));

    for (const c of opCases) {
      const checks = checksFor(c);
      const oracle = c.property ? 'its expected properties' : 'tfjs';
      it(`${c.name}: forward matches ${oracle}`, () => checkForward(c, backend));
      if (checks.finiteDifference)
        it(`${c.name}: gradients match central finite differences`, () => checkGradFiniteDifference(c, backend));
      if (checks.tfjsGradient) it(`${c.name}: gradients match tfjs`, () => checkGradTfjs(c, backend));
    }
  });

  describe('bad input', () => {
    for (const e of errorCases)
      it(`${e.name}: throws at record time, naming the op and the shapes`, () => checkRecordError(e, backend));
  });

  describe('tensor API', () => {
    for (const check of apiChecks) it(check.name, () => check.run(backend));
  });
});

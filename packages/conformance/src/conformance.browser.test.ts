/**
 * The shared conformance table on the WebGPU backend, in headless Chromium: the same cases and
 * checks `conformance.test.ts` runs on the CPU in Node, through the fused schedule and with one
 * kernel per primitive — plus, per case, forward values and gradients against the CPU backend
 * running in the same page.
 */
import { registerBackend, setSchedulerOptions } from '@loom/graph';
import { CpuBackend } from '@loom/backend-cpu';
import { createWebGpuBackend, WEBGPU_PRIORITY } from '@loom/backend-webgpu';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { apiChecks } from './api-checks.js';
import { checkForward, checkGradFiniteDifference, checkGradTfjs, checksFor, prepareTfjsOracle } from './check.js';
import { checkForwardAgainst, checkGradAgainst } from './cross-backend.js';
import { checkRecordError, errorCases } from './error-cases.js';
import { opCases } from './op-cases.js';

beforeAll(async () => {
  await prepareTfjsOracle();
  // One device for the whole run: the checks select the backend before every case.
  const backend = await createWebGpuBackend();
  registerBackend('webgpu', () => backend, { priority: WEBGPU_PRIORITY });
  registerBackend('cpu', () => new CpuBackend());
});

const schedules = [
  { name: 'fused kernels', fuse: true },
  { name: 'one kernel per primitive', fuse: false },
];

describe.each(['webgpu'])('%s backend', (backend) => {
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
      it(`${c.name}: forward agrees with the cpu backend within rtol 1e-4`, () => checkForwardAgainst(c, backend, 'cpu'));
      if (c.differentiable)
        it(`${c.name}: gradients agree with the cpu backend within rtol 1e-4`, () => checkGradAgainst(c, backend, 'cpu'));
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

/**
 * The shared op conformance suite through the pool. Every check runs on a mirror backend that
 * computes everything both in-process (one thread, WASM kernels) and through a 2-thread pool —
 * once splitting every launch it can (thresholds 0: matmul, conv2d, fused elementwise, reductions)
 * and once at the default thresholds — and fails on any read whose bytes differ; the checks
 * themselves compare with tfjs as for every backend.
 */
import { registerBackend, setSchedulerOptions } from '@loom/graph';
import {
  apiChecks,
  checkForward,
  checkGradFiniteDifference,
  checkGradTfjs,
  checkRecordError,
  checksFor,
  errorCases,
  opCases,
  prepareTfjsOracle,
} from '@loom/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MirrorBackend } from '../testing/mirror-backend.js';
import { PoolBackend } from './pool-backend.js';
import { WorkerPool } from './worker-pool.js';

const forced = { splitMinFlops: 0, splitMinElements: 0, splitMinReduceElements: 0, helperBackOff: false };
const pools = [
  { name: 'splitting every launch it can', options: forced, schedules: [true, false] },
  { name: 'at the default thresholds', options: {}, schedules: [true] },
];

beforeAll(() => prepareTfjsOracle());

describe.each(pools)('a 2-thread pool $name', ({ name, options, schedules }) => {
  const backendName = `mirror (${name})`;
  let pool: WorkerPool;
  let mirror: MirrorBackend;

  beforeAll(async () => {
    pool = await WorkerPool.start({ threads: 2, ...options });
    mirror = new MirrorBackend(new PoolBackend(pool), backendName);
    registerBackend(backendName, () => mirror);
  });

  afterAll(async () => {
    await pool?.terminate();
  });

  describe.each(schedules.map((fuse) => ({ fuse, schedule: fuse ? 'fused kernels' : 'one kernel per primitive' })))('ops, $schedule', ({ fuse }) => {
    beforeAll(() => setSchedulerOptions({ fuse }));
    afterAll(() => setSchedulerOptions({ fuse: true }));

    for (const c of opCases) {
      const checks = checksFor(c);
      it(`${c.name}: forward matches in-process and the oracle`, () => checkForward(c, backendName));
      if (checks.finiteDifference)
        it(`${c.name}: gradients match in-process and finite differences`, () => checkGradFiniteDifference(c, backendName));
      if (checks.tfjsGradient) it(`${c.name}: gradients match in-process and tfjs`, () => checkGradTfjs(c, backendName));
    }
  });

  describe('bad input', () => {
    for (const e of errorCases) it(`${e.name}: throws at record time`, () => checkRecordError(e, backendName));
  });

  describe('tensor API', () => {
    for (const check of apiChecks) it(check.name, () => check.run(backendName));
  });

  it('compared values read through the pool, and split launches as configured', async () => {
    expect(mirror.reads).toBeGreaterThan(opCases.length);
    const stats = await pool.call({ kind: 'control', what: 'stats' }, (engine) => engine.stats());
    if (options === forced) expect(stats.splitLaunches).toBeGreaterThan(opCases.length);
    expect(stats.helperReplacements).toBe(0);
  });
});

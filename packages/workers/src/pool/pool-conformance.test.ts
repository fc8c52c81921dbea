/**
 * The shared op conformance suite through the pool. Every check runs on a mirror backend that
 * computes everything both in-process and through a 2-thread pool that splits every matmul and
 * conv2d it can (threshold 0), and fails on any read whose bytes differ; the checks themselves
 * compare with tfjs as for every backend.
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

let pool: WorkerPool;
let mirror: MirrorBackend;

beforeAll(async () => {
  await prepareTfjsOracle();
  // Reference kernels on both sides, so split and unsplit results can be compared byte for byte.
  pool = await WorkerPool.start({ threads: 2, splitMinFlops: 0, wasm: false });
  mirror = new MirrorBackend(new PoolBackend(pool));
  registerBackend('mirror', () => mirror);
});

afterAll(async () => {
  await pool?.terminate();
});

const schedules = [
  { name: 'fused kernels', fuse: true },
  { name: 'one kernel per primitive', fuse: false },
];

describe.each(schedules)('ops through the pool, $name', ({ fuse }) => {
  beforeAll(() => setSchedulerOptions({ fuse }));
  afterAll(() => setSchedulerOptions({ fuse: true }));

  for (const c of opCases) {
    const checks = checksFor(c);
    it(`${c.name}: forward matches in-process and the oracle`, () => checkForward(c, 'mirror'));
    if (checks.finiteDifference)
      it(`${c.name}: gradients match in-process and finite differences`, () => checkGradFiniteDifference(c, 'mirror'));
    if (checks.tfjsGradient) it(`${c.name}: gradients match in-process and tfjs`, () => checkGradTfjs(c, 'mirror'));
  }
});

describe('bad input through the pool', () => {
  for (const e of errorCases) it(`${e.name}: throws at record time`, () => checkRecordError(e, 'mirror'));
});

describe('tensor API through the pool', () => {
  for (const check of apiChecks) it(check.name, () => check.run('mirror'));
});

it('the suite compared values read through the pool and split launches across both threads', async () => {
  expect(mirror.reads).toBeGreaterThan(opCases.length);
  const stats = await pool.call({ kind: 'control', what: 'stats' }, (engine) => engine.stats());
  expect(stats.splitLaunches).toBeGreaterThan(0);
});

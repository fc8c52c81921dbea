import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './src/chromium.js';
import { startFixtureServer } from './src/fixture-server.js';
import type { PreviewServer } from './src/preview-server.js';
import type { TrainingResult } from './fixtures/pool-mlp/training-result.js';

interface TrainedPage {
  result: TrainingResult;
  /** Console errors, page errors and warnings the page logged. */
  errors: string[];
  warnings: string[];
  close(): Promise<void>;
}

/** Serves the pool-mlp fixture, opens it in Chromium and trains for `steps` steps. */
async function trainInChromium(steps: number, isolated: boolean): Promise<TrainedPage> {
  const server: PreviewServer = await startFixtureServer('pool-mlp', { isolated });
  const chromium: ChromiumSession = await launchChromium();
  const errors: string[] = [];
  const warnings: string[] = [];
  const page: Page = await chromium.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'error' ? errors : m.type() === 'warning' ? warnings : []).push(m.text()));
  await page.goto(server.url, { waitUntil: 'networkidle' });
  await page.getByText('ready').waitFor();
  const result = await page.evaluate(async (n) => {
    if (!window.trainMlp) throw new Error('the fixture did not load');
    return window.trainMlp(n);
  }, steps);
  console.info(
    `pool-mlp${isolated ? '' : ' (not isolated)'}: ${result.steps} steps in ${result.elapsedMs.toFixed(0)} ms on ` +
      `${result.pool.reason}; loss ${result.firstLoss.toFixed(3)} → ${result.lastLoss.toFixed(3)}; ` +
      `longest main-thread task ${Math.max(0, ...result.longTasks).toFixed(0)} ms (warm-up step: ${Math.max(0, ...result.warmupLongTasks).toFixed(0)} ms); ` +
      `${result.splitLaunchesPerStep} split launches per step, ${result.stats.helperShares} shares computed by helper threads ` +
      `(${result.stats.splitLaunches} split launches in all); engine: ${result.engineDescription}`,
  );
  return {
    result,
    errors,
    warnings,
    close: async () => {
      await chromium.close();
      await server.stop();
    },
  };
}

describe('training an MLP through the worker pool on a cross-origin isolated page', () => {
  let trained: TrainedPage;

  beforeAll(async () => {
    trained = await trainInChromium(200, true);
  }, 120_000);

  afterAll(async () => {
    await trained?.close();
  });

  it('runs 200 steps with an engine and a helper sharing memory, splitting the big matmuls', () => {
    expect(trained.result.steps).toBe(200);
    expect(trained.result.crossOriginIsolated).toBe(true);
    expect(trained.result.pool.shared).toBe(true);
    expect(trained.result.pool.threads).toBeGreaterThanOrEqual(2);
    expect(trained.result.splitLaunchesPerStep).toBeGreaterThan(0);
  });

  it('has helper threads (nested module workers) that really computed shares of split launches', () => {
    expect(trained.result.engineDescription).toMatch(/WASM SIMD kernels.*big launches shared with helper threads/);
    expect(trained.result.stats.liveHelpers).toBe(trained.result.pool.threads - 1);
    expect(trained.result.stats.splitLaunches).toBeGreaterThan(200);
    expect(trained.result.stats.helperShares).toBeGreaterThan(0);
    expect(trained.result.stats.helperReplacements).toBe(0);
  });

  it('learns: the loss falls by more than half', () => {
    expect(trained.result.lastLoss).toBeLessThan(trained.result.firstLoss / 2);
  });

  it('has no long task over 50 ms on the main thread while training (and the observer does see long tasks)', () => {
    expect(trained.result.observerWorks).toBe(true);
    expect(trained.result.longTasks.filter((ms) => ms > 50)).toEqual([]);
  });

  it('logs no errors', () => {
    expect(trained.errors).toEqual([]);
  });
});

describe('the worker pool on a page that is not cross-origin isolated', () => {
  let trained: TrainedPage;

  beforeAll(async () => {
    trained = await trainInChromium(20, false);
  }, 120_000);

  afterAll(async () => {
    await trained?.close();
  });

  it('runs on one worker and trains', () => {
    expect(trained.result.crossOriginIsolated).toBe(false);
    expect(trained.result.pool).toMatchObject({ threads: 1, shared: false });
    expect(trained.result.splitLaunchesPerStep).toBe(0);
    expect(trained.result.lastLoss).toBeLessThan(trained.result.firstLoss);
  });

  it('says why once, naming cross-origin isolation', () => {
    const said = trained.warnings.filter((w) => w.includes('@loom/workers'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/cross-origin isolated/);
    expect(trained.errors).toEqual([]);
  });
});

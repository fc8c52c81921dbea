import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './src/chromium.js';
import { startFixtureServer } from './src/fixture-server.js';
import type { PreviewServer } from './src/preview-server.js';
import type { GpuTrainingResult } from './fixtures/pool-webgpu/gpu-training-result.js';

/** Opens the pool-webgpu fixture in a fresh Chromium and trains with the given options. */
async function trainOnGpu(options: { epochs: number; loseGpuAtStep?: number }): Promise<{ result: GpuTrainingResult; errors: string[] }> {
  const server: PreviewServer = await startFixtureServer('pool-webgpu');
  const chromium: ChromiumSession = await launchChromium();
  try {
    const errors: string[] = [];
    const page = await chromium.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await page.getByText('ready').waitFor();
    const result = await page.evaluate((o) => window.trainOnGpu!(o), options);
    console.info(
      `pool-webgpu: chose ${result.chosen.name} (${result.chosen.description}); finished on ${result.finished}; ` +
        `loss ${result.firstLoss.toFixed(3)} → ${result.lastLoss.toFixed(3)}, accuracy ${result.accuracy.toFixed(3)}` +
        (result.lost ? `; GPU lost at step ${result.lost.step}, resumed from ${result.lost.resumedFrom}` : ''),
    );
    return { result, errors };
  } finally {
    await chromium.close();
    await server.stop();
  }
}

describe('WebGPU inside the engine worker', () => {
  let run: { result: GpuTrainingResult; errors: string[] };
  beforeAll(async () => {
    run = await trainOnGpu({ epochs: 8 });
  }, 180_000);

  it("setBackend('auto') picks the pool's WebGPU engine and describes the adapter", () => {
    expect(run.result.chosen.name).toBe('pool-webgpu');
    expect(run.result.chosen.description).toMatch(/one engine worker driving the GPU: WebGPU on /);
  });

  it('trains with fit(): the loss falls and the spirals are mostly classified', () => {
    expect(run.result.epochs).toBe(8);
    expect(run.result.lastLoss).toBeLessThan(run.result.firstLoss * 0.7);
    expect(run.result.accuracy).toBeGreaterThan(0.6);
    expect(run.result.finished).toBe('pool-webgpu');
  });

  it('keeps the main thread free: no long task over 50 ms after the first epoch', () => {
    expect(run.result.longTasks.filter((ms) => ms > 50)).toEqual([]);
    expect(run.errors).toEqual([]);
  });
});

describe('a GPU device lost during fit()', () => {
  let run: { result: GpuTrainingResult; errors: string[] };
  beforeAll(async () => {
    run = await trainOnGpu({ epochs: 8, loseGpuAtStep: 30 });
  }, 180_000);

  it('is reported as a backendLost event and training goes on on the CPU pool from a snapshot', () => {
    expect(run.result.lost).toMatchObject({ lost: 'pool-webgpu', fallback: 'pool' });
    expect(run.result.lost!.reason).toMatch(/GPU device was (lost|destroyed)/);
    expect(run.result.lost!.step).toBeGreaterThan(30);
    expect(run.result.lost!.resumedFrom).toBeGreaterThanOrEqual(run.result.lost!.step - 5);
    expect(run.result.finished).toBe('pool');
    expect(run.result.epochs).toBe(8);
  });

  it('keeps the weights: the model trained on both backends still learns the spirals', () => {
    expect(run.result.lastLoss).toBeLessThan(run.result.firstLoss * 0.7);
    expect(run.result.accuracy).toBeGreaterThan(0.6);
  });
});

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './src/chromium.js';

/** Screenshots land here (gitignored). */
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const steps = 300;

declare global {
  interface Window {
    /** Every main-thread long task since the page loaded (installed before any page script runs). */
    loomLongTasks?: { startTime: number; duration: number }[];
    /** Long animation frames with the scripts that ran in them (for diagnosis). */
    loomLongFrames?: { startTime: number; duration: number; scripts: string[] }[];
  }
}

/** Records long tasks from the first moment, so a page that blocks while training cannot hide it. */
function watchLongTasks(): void {
  window.loomLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.loomLongTasks!.push({ startTime: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames name the scripts that ran in them: the clue when a long task shows up.
  window.loomLongFrames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEntry[] &
      {
        scripts?: {
          invoker: string;
          sourceURL: string;
          sourceFunctionName: string;
          duration: number;
        }[];
        blockingDuration?: number;
      }[])
      window.loomLongFrames!.push({
        startTime: e.startTime,
        duration: e.duration,
        scripts: (e.scripts ?? []).map(
          (x) =>
            `${x.invoker} ${x.sourceFunctionName}@${x.sourceURL.split('/').pop()} ${Math.round(x.duration)}ms`,
        ),
      });
  }).observe({ type: 'long-animation-frame', buffered: true });
}

/** Draws a "7"-like stroke on the digit canvas with the mouse. */
async function drawSeven(page: Page): Promise<void> {
  await page.getByTestId('digit-canvas').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('digit-canvas').boundingBox();
  if (!box) throw new Error('the digit canvas is not visible');
  const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  for (const [fx, fy] of [
    [0.5, 0.2],
    [0.75, 0.2],
    [0.65, 0.45],
    [0.55, 0.65],
    [0.45, 0.85],
  ])
    await page.mouse.move(...at(fx, fy), { steps: 6 });
  await page.mouse.up();
}

/** Opens the "MLP on MNIST" template from the editor's Templates menu. */
async function openMlpTemplate(page: Page): Promise<void> {
  await page.locator('summary[aria-label="Templates"]').click();
  const item = page.locator('[data-template="mlp"]');
  await item.click();
  await page.locator('.doc-name', { hasText: 'MLP on MNIST' }).waitFor();
}

/** Sets the optimizer's kind and learning rate in the editor's inspector (nothing selected). */
async function setOptimizer(
  page: Page,
  { kind, lr }: { kind?: string; lr?: string },
): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const section = page.getByRole('region', { name: 'Optimizer optimizer' });
  if (kind) await section.getByLabel('Kind').selectOption(kind);
  if (lr) {
    await section.getByLabel('Learning rate').fill(lr);
    await section.getByLabel('Learning rate').press('Tab');
  }
}

async function probabilities(page: Page): Promise<number[]> {
  await page.getByTestId('prediction').waitFor({ timeout: 30_000 });
  return page
    .getByTestId('class-probability')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability'))));
}

describe('training the MNIST MLP template in the editor', () => {
  let chromium: ChromiumSession;
  let page: Page;
  const errors: string[] = [];
  let trainingWindow: { start: number; end: number };
  let startup: { start: number; end: number };
  let testAccuracy: number;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(watchLongTasks);
    await page.goto(inject('editorUrl'), { waitUntil: 'networkidle' });
    await page.locator('.app[data-ready="true"]').waitFor();
    await openMlpTemplate(page);
    await page.getByTestId('backend-choice').selectOption('cpu');
    await page.getByTestId('backend-report').waitFor();
    await page.getByTestId('train-steps').fill(String(steps));
    const clicked = await page.evaluate(() => performance.now());
    await page.getByTestId('train-button').click();
    // The watched window opens at the first step: before it the dock builds its charts and the
    // worker loads and compiles (as pool-training.spec reports its warm-up step apart).
    await page.locator('[data-testid="training-status"][data-status="training"]').waitFor({ timeout: 120_000 });
    const start = await page.evaluate(() => performance.now());
    startup = { start: clicked, end: start };
    await page
      .locator('[data-testid="training-status"][data-status="completed"]')
      .waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => {
        if (await page.getByTestId('training-error').count())
          console.info(await page.getByTestId('training-error').textContent());
        await page.screenshot({
          path: join(artifacts, 'editor-training-timeout.png'),
          fullPage: true,
        });
        const status = await page.getByTestId('training-status').textContent();
        const step = await page.getByTestId('train-step').textContent();
        const failure = await page
          .getByTestId('training-error')
          .textContent()
          .catch(() => '');
        throw new Error(
          `training did not complete: status "${status}", step ${step}, message ${failure}, errors ${JSON.stringify(errors)}`,
          { cause: error },
        );
      });
    const end = await page.evaluate(() => performance.now());
    trainingWindow = { start, end };
    testAccuracy = Number(await page.getByTestId('test-accuracy').getAttribute('data-value'));
    await page.screenshot({ path: join(artifacts, 'editor-trained.png') });
    await page
      .getByTestId('training-dock')
      .screenshot({ path: join(artifacts, 'editor-trained-panel.png') });
  }, 300_000);

  afterAll(async () => {
    await chromium?.close();
  });

  it(`trains ${steps} steps and shows a test accuracy above 80%`, async () => {
    expect(await page.getByTestId('train-step').textContent()).toMatch(new RegExp(`^${steps}\\b`));
    expect(testAccuracy).toBeGreaterThan(0.8);
    expect(await page.getByTestId('confusion-matrix').isVisible()).toBe(true);
    const seconds = (trainingWindow.end - trainingWindow.start) / 1000;
    const throughput = await page.getByTestId('train-throughput').textContent();
    console.info(
      `editor: ${steps} steps in ${seconds.toFixed(1)} s (${(steps / seconds).toFixed(1)} steps/s from the first step, incl. the test pass; last rate ${throughput}); test accuracy ${(testAccuracy * 100).toFixed(1)}%`,
    );
  });

  it('draws the loss per batch', async () => {
    const chart = page.getByTestId('batch-chart');
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(100);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
  });

  it('keeps every main-thread task under 50 ms while training', async () => {
    const tasks = await page.evaluate(() => window.loomLongTasks ?? []);
    const inWindow = tasks.filter(
      (t) => t.startTime >= trainingWindow.start && t.startTime <= trainingWindow.end,
    );
    const during = inWindow.map((t) => Math.round(t.duration));
    console.info(
      `editor: long tasks at ms after Train: ${JSON.stringify(inWindow.map((t) => Math.round(t.startTime - trainingWindow.start)))} of ${Math.round(trainingWindow.end - trainingWindow.start)}`,
    );
    console.info(
      `editor: long tasks during training: ${JSON.stringify(during)} (start-up, Train to first step: ${JSON.stringify(tasks.filter((t) => t.startTime >= startup.start && t.startTime < startup.end).map((t) => Math.round(t.duration)))})`,
    );
    const frames = await page.evaluate(() => window.loomLongFrames ?? []);
    for (const f of frames.filter(
      (f) =>
        f.startTime >= trainingWindow.start && f.startTime <= trainingWindow.end && f.duration > 50,
    ))
      console.info(
        `editor: long frame at ${Math.round(f.startTime - trainingWindow.start)} ms, ${Math.round(f.duration)} ms: ${f.scripts.join('; ')}`,
      );
    expect(during.filter((ms) => ms > 50)).toEqual([]);
  });

  it('classifies a drawn digit, with a probability per class', async () => {
    await drawSeven(page);
    const p = await probabilities(page);
    expect(p).toHaveLength(10);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(await page.getByTestId('saliency-map').isVisible()).toBe(true);
    await page
      .getByTestId('digit-pad')
      .screenshot({ path: join(artifacts, 'editor-prediction.png') });
  });

  it('downloads the weights as a Loom checkpoint', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-checkpoint').click(),
    ]);
    expect(download.suggestedFilename()).toBe('mlp-on-mnist.loomckpt');
    const path = join(artifacts, download.suggestedFilename());
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('LOOMCKPT');
    expect(bytes.length).toBeGreaterThan(4 * (784 * 128 + 128 * 64 + 64 * 10));
  });

  it('restores the trained weights after a reload', async () => {
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('.app[data-ready="true"]').waitFor();
    await page
      .locator('[data-testid="weights-info"][data-restored="true"]')
      .waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('test-accuracy').getAttribute('data-value'))).toBe(
      testAccuracy,
    );
    await drawSeven(page);
    expect(await probabilities(page)).toHaveLength(10);
    await page
      .getByTestId('training-dock')
      .screenshot({ path: join(artifacts, 'editor-restored.png') });
  });

  it('shows each node’s output for one example, and an edit recomputes only what it reaches', async () => {
    await page.locator('summary', { hasText: 'Live preview' }).click();
    const preview = page.getByTestId('live-preview');
    await preview
      .locator('[data-node="fc1"] code', { hasText: '[1, 128]' })
      .waitFor({ timeout: 30_000 });
    expect(await preview.locator('[data-node="flatten"] code').textContent()).toBe('[1, 784]');
    expect(await preview.locator('[data-node="data"] canvas').count()).toBe(1);
    await setOptimizer(page, { lr: '0.002' });
    await page
      .locator('[data-testid="live-preview"][data-recomputed="optimizer"]')
      .waitFor({ timeout: 30_000 });
  });

  it('inspects a layer: weight histograms and its output for a test example', async () => {
    await page.locator('summary', { hasText: 'Inspect a layer' }).click();
    await page.getByTestId('layer-inspector').locator('select').selectOption('fc1');
    await page.getByTestId('inspect-button').click();
    const inspection = page.getByTestId('inspection');
    await inspection.waitFor({ timeout: 30_000 });
    expect(await inspection.locator('figcaption', { hasText: 'weight [128, 784]' }).count()).toBe(
      1,
    );
    expect(await inspection.locator('svg.histogram rect').count()).toBeGreaterThan(10);
    await page
      .getByTestId('layer-inspector')
      .screenshot({ path: join(artifacts, 'editor-inspection.png') });
  });

  it('shows a diverging loss’s message and keeps usable weights', async () => {
    await setOptimizer(page, { kind: 'sgd', lr: '10' });
    await page.getByTestId('train-steps').fill('200');
    await page.getByTestId('train-button').click();
    await page
      .locator('[data-testid="training-status"][data-status="failed"]')
      .waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('training-error').textContent()).toMatch(
      /the loss became (NaN|Infinity|-Infinity) at step/i,
    );
    await page
      .getByTestId('training-dock')
      .screenshot({ path: join(artifacts, 'editor-diverged.png') });
    // The weights from before the loss broke are kept: the model still predicts, with finite probabilities.
    await page.getByTestId('digit-canvas').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Clear' }).click();
    await drawSeven(page);
    const p = await probabilities(page);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });

  it('Stop ends training at once, keeping the weights', async () => {
    await setOptimizer(page, { kind: 'adam', lr: '0.001' });
    await page.getByTestId('train-steps').fill('');
    await page.getByTestId('train-button').click();
    // The previous run's counter stays on screen until this run starts: wait for this one.
    await page.locator('[data-testid="training-status"][data-status="training"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="train-step"]')?.getAttribute('data-run')) >=
        20,
      undefined,
      { timeout: 60_000 },
    );
    await page.getByTestId('stop-button').click();
    // Once asked to stop, Stop is disabled and there is no ETA to count down (after React renders).
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="stop-button"]') as HTMLButtonElement | null)?.disabled === true &&
        document.querySelector('[data-testid="train-eta"]')?.textContent === '—',
      undefined,
      { timeout: 5_000 },
    );
    await page
      .locator('[data-testid="training-status"][data-status="stopped"]')
      .waitFor({ timeout: 30_000 });
    const step = page.getByTestId('train-step');
    const done = Number(await step.getAttribute('data-run'));
    const total = Number(await step.getAttribute('data-total'));
    expect(done).toBeGreaterThanOrEqual(20);
    expect(done).toBeLessThan(total);
    // The weights had trained before: the run's progress and the cumulative steps are apart.
    expect(await step.textContent()).toMatch(/^[\d,]+ \/ [\d,]+ \([\d,]+ in total\)$/);
    expect(await page.getByTestId('weights-info').isVisible()).toBe(true);
    expect(await page.getByTestId('training-status').textContent()).toMatch(
      /^Stopped after [\d,]+ steps$/,
    );
  });

  it('opening another template starts the dock afresh', async () => {
    await page.locator('summary[aria-label="Templates"]').click();
    await page.locator('[data-template="cnn"]').click();
    await page.locator('[data-testid="training-status"][data-status="idle"]').waitFor();
    expect(await page.locator('details.menu').getAttribute('open')).toBeNull();
    expect(await page.getByTestId('weights-info').count()).toBe(0);
    expect(await page.getByTestId('batch-chart').isVisible()).toBe(false);
    expect(await page.getByTestId('epoch-chart').count()).toBe(0);
    expect(await page.getByTestId('chart-placeholder').isVisible()).toBe(true);
    expect(await page.getByTestId('confusion-matrix').count()).toBe(0);
    expect(await page.getByTestId('train-step').textContent()).toBe('—');
    expect(await page.getByTestId('test-accuracy').textContent()).toBe('—');
    expect(await page.getByTestId('mnist-note').textContent()).toMatch(/20,000 training digits/);
    expect(await page.getByTestId('train-button').isDisabled()).toBe(false);
    await page
      .getByTestId('training-dock')
      .screenshot({ path: join(artifacts, 'editor-switched-template.png') });
    // Back to the MLP: its saved weights, not the CNN's nothing.
    await page.keyboard.press('Control+z');
    await page.locator('[data-testid="weights-info"]').waitFor({ timeout: 30_000 });
  });

  it('Reset weights re-initialises the model', async () => {
    await page.getByTestId('reset-weights').click();
    await page.getByTestId('weights-info').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('reset-weights').isDisabled()).toBe(true);
    await page.getByTestId('train-steps').fill('3');
    await page.getByTestId('train-button').click();
    await page
      .locator('[data-testid="training-status"][data-status="completed"]')
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('train-step').textContent()).toBe('3 / 3');
    expect(await page.getByTestId('weights-info').textContent()).toMatch(/after 3 steps/);
  });

  it('shows the dock in dark mode', async () => {
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await page.screenshot({ path: join(artifacts, 'editor-dark.png') });
    await page
      .getByTestId('training-dock')
      .screenshot({ path: join(artifacts, 'editor-dark-panel.png') });
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  it('says what auto chose and why', async () => {
    await page.getByTestId('backend-choice').selectOption('webgpu');
    await page
      .getByTestId('backend-report')
      .getByText('webgpu', { exact: true })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('backend-choice').selectOption('auto');
    await page
      .getByTestId('backend-report')
      .getByText(/^auto: /)
      .waitFor({ timeout: 60_000 });
    console.info(`editor: auto → ${(await page.getByTestId('backend-report').textContent())!}`);
  });

  it('logs no errors', () => {
    expect(errors).toEqual([]);
  });
});

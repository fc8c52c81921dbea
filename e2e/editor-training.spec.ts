import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './src/chromium.js';
import {
  classProbabilities,
  drawOnDigitPad,
  longFrames,
  longTasksSince,
  openTemplate,
  sevenStroke,
  waitForNodePreview,
  watchLongTasks,
} from './src/editor-page.js';

/** Screenshots land here (gitignored). */
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const steps = 300;

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
    await openTemplate(page, 'mlp', 'MLP on MNIST');
    // The template's previews land before Train, so the start-up phase holds only Train's work.
    await waitForNodePreview(page, 'fc3');
    await page.getByTestId('backend-choice').selectOption('cpu');
    await page.getByTestId('backend-report').waitFor();
    await page.getByTestId('train-steps').fill(String(steps));
    const clicked = await page.evaluate(() => performance.now());
    await page.getByTestId('train-button').click();
    // The watched window opens at the first step: before it the dock builds its charts and the
    // worker loads and compiles (as pool-training.spec reports its warm-up step apart).
    await page
      .locator('[data-testid="training-status"][data-status="training"]')
      .waitFor({ timeout: 120_000 });
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
    const tasks = await longTasksSince(page);
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
    const frames = await longFrames(page);
    for (const f of frames.filter(
      (f) =>
        f.startTime >= trainingWindow.start && f.startTime <= trainingWindow.end && f.duration > 50,
    ))
      console.info(
        `editor: long frame at ${Math.round(f.startTime - trainingWindow.start)} ms, ${Math.round(f.duration)} ms: ${f.scripts.join('; ')}`,
      );
    expect(during.filter((ms) => ms > 50)).toEqual([]);
  });

  it('keeps every main-thread task under 50 ms from Train to the first step', async () => {
    // The start-up: the dock shows the run, the worker compiles the model and loads the data.
    const tasks = (await longTasksSince(page, startup.start)).filter(
      (t) => t.startTime < startup.end,
    );
    console.info(
      `editor: start-up ${Math.round(startup.end - startup.start)} ms, long tasks ${JSON.stringify(tasks.map((t) => [Math.round(t.startTime - startup.start), Math.round(t.duration)]))} ([ms after Train, ms])`,
    );
    for (const f of (await longFrames(page)).filter(
      (f) => f.startTime >= startup.start && f.startTime < startup.end && f.duration > 50,
    ))
      console.info(
        `editor: start-up long frame at ${Math.round(f.startTime - startup.start)} ms, ${Math.round(f.duration)} ms: ${f.scripts.join('; ')}`,
      );
    expect(tasks.map((t) => Math.round(t.duration)).filter((ms) => ms > 50)).toEqual([]);
  });

  it('classifies a drawn digit, with a probability per class', async () => {
    await drawOnDigitPad(page, sevenStroke);
    const p = await classProbabilities(page);
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
    await drawOnDigitPad(page, sevenStroke);
    expect(await classProbabilities(page)).toHaveLength(10);
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
    await drawOnDigitPad(page, sevenStroke);
    const p = await classProbabilities(page);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });

  it('Stop ends training at once, keeping the weights', async () => {
    await setOptimizer(page, { kind: 'adam', lr: '0.001' });
    await page.getByTestId('train-steps').fill('');
    await page.getByTestId('train-button').click();
    // The previous run's counter stays on screen until this run starts: wait for this one.
    await page
      .locator('[data-testid="training-status"][data-status="training"]')
      .waitFor({ timeout: 60_000 });
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
        (document.querySelector('[data-testid="stop-button"]') as HTMLButtonElement | null)
          ?.disabled === true &&
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

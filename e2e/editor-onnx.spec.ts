import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './src/chromium.js';
import {
  classProbabilities,
  drawOnDigitPad,
  longTasksSince,
  oneStroke,
  openTemplate,
  waitForArrangement,
  watchLongTasks,
} from './src/editor-page.js';
import { fetchMnistTestDigits } from './src/mnist-test-digits.js';
import { oneOpOnnxModel } from './src/onnx-model-bytes.js';

/** Screenshots and downloads land here (gitignored). */
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const downloads = join(artifacts, 'onnx');
const steps = 250;

/** The ids of the nodes on the canvas, sorted. */
async function canvasNodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id') ?? ''));
  return ids.sort();
}

async function editorTestAccuracy(page: Page): Promise<number> {
  return Number(await page.getByTestId('test-accuracy').getAttribute('data-value'));
}

/** Clicks Export ONNX and saves the download; returns its path and how long it took. */
async function exportOnnx(page: Page): Promise<{ path: string; name: string; ms: number }> {
  const started = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId('export-onnx').click(),
  ]);
  const path = join(downloads, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename(), ms: Date.now() - started };
}

/** Accuracy of an ONNX classifier on the MNIST test digits, run by onnxruntime-node. */
async function onnxRuntimeAccuracy(
  bytes: Uint8Array,
  digits: { images: Float32Array; labels: Int32Array; count: number },
): Promise<number> {
  const session = await InferenceSession.create(bytes);
  const input = new Tensor('float32', digits.images, [digits.count, 1, 28, 28]);
  const result = await session.run({ [session.inputNames[0]!]: input });
  const logits = result[session.outputNames[0]!]!.data as Float32Array;
  let right = 0;
  for (let i = 0; i < digits.count; i++) {
    const row = logits.subarray(i * 10, i * 10 + 10);
    if (row.indexOf(Math.max(...row)) === digits.labels[i]) right++;
  }
  return right / digits.count;
}

describe('ONNX export and import in the editor', () => {
  let trainer: ChromiumSession;
  let importer: ChromiumSession | undefined;
  let page: Page;
  let fresh: Page;
  const errors: string[] = [];
  let editorAccuracy: number;
  let trainedNodes: string[];
  let exported: { path: string; name: string; ms: number };

  beforeAll(async () => {
    mkdirSync(downloads, { recursive: true });
    trainer = await launchChromium();
    page = await trainer.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(inject('editorUrl'), { waitUntil: 'networkidle' });
    await page.locator('.app[data-ready="true"]').waitFor();
    await openTemplate(page, 'mlp', 'MLP on MNIST');
    await page.getByTestId('backend-choice').selectOption('cpu');
    await page.getByTestId('backend-report').waitFor();
    await page.getByTestId('train-steps').fill(String(steps));
    await page.getByTestId('train-button').click();
    await page
      .locator('[data-testid="training-status"][data-status="completed"]')
      .waitFor({ timeout: 180_000 });
    editorAccuracy = await editorTestAccuracy(page);
    trainedNodes = await canvasNodeIds(page);
  }, 240_000);

  afterAll(async () => {
    await trainer?.close();
    await importer?.close();
  });

  it('exports the trained model as <name>.onnx, computed in the session worker', async () => {
    exported = await exportOnnx(page);
    expect(exported.name).toBe('mlp-on-mnist.onnx');
    await page
      .getByTestId('notice-info')
      .filter({ hasText: 'mlp-on-mnist.onnx (ONNX, with the trained weights)' })
      .waitFor();
    console.info(`editor-onnx: export took ${exported.ms} ms (click to download)`);
  });

  it('runs in onnxruntime-node with the accuracy the editor reported (the trained weights, not the initial ones)', async () => {
    const digits = await fetchMnistTestDigits(inject('editorUrl'));
    const accuracy = await onnxRuntimeAccuracy(new Uint8Array(readFileSync(exported.path)), digits);
    console.info(
      `editor-onnx: onnxruntime ${(accuracy * 100).toFixed(2)}% vs editor ${(editorAccuracy * 100).toFixed(2)}% on ${digits.count} test digits after ${steps} steps`,
    );
    expect(editorAccuracy).toBeGreaterThan(0.8);
    expect(Math.abs(accuracy - editorAccuracy)).toBeLessThan(0.005);
  });

  describe('in a fresh browser profile (empty IndexedDB)', () => {
    beforeAll(async () => {
      importer = await launchChromium();
      fresh = await importer.context.newPage();
      fresh.on('pageerror', (e) => errors.push(e.message));
      fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await fresh.addInitScript(watchLongTasks);
      await fresh.goto(inject('editorUrl'), { waitUntil: 'networkidle' });
      await fresh.locator('.app[data-ready="true"]').waitFor();
    }, 60_000);

    it('keeps Export ONNX disabled, with the reason, while there is nothing to export', async () => {
      const button = fresh.getByTestId('export-onnx');
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toMatch(/open a template first/);
    });

    it('opens the .onnx file from the Open picker: the same layers, and its weights evaluated without training', async () => {
      const started = Date.now();
      const from = await fresh.evaluate(() => performance.now());
      await fresh.getByTestId('open-file-input').setInputFiles(exported.path);
      await fresh
        .locator('[data-testid="weights-info"][data-imported="true"]')
        .waitFor({ timeout: 120_000 });
      const tasks = await longTasksSince(fresh, from);
      console.info(
        `editor-onnx: import took ${Date.now() - started} ms (file chosen to weights evaluated); main-thread long tasks meanwhile: ${JSON.stringify(tasks.map((t) => Math.round(t.duration)))} ms`,
      );
      // The file is parsed and evaluated in the session worker: the page never freezes.
      expect(tasks.filter((t) => t.duration > 200)).toEqual([]);
      await fresh.locator('.doc-name', { hasText: 'MLP on MNIST' }).waitFor();
      expect(await canvasNodeIds(fresh)).toEqual(trainedNodes);
      expect(await fresh.getByTestId('weights-info').textContent()).toMatch(
        /Weights imported from mlp-on-mnist\.onnx/,
      );
      const accuracy = await editorTestAccuracy(fresh);
      console.info(`editor-onnx: imported weights test accuracy ${(accuracy * 100).toFixed(2)}%`);
      expect(Math.abs(accuracy - editorAccuracy)).toBeLessThan(0.005);
      // No step was trained in this profile: the accuracy is the file's weights'.
      expect(await fresh.getByTestId('train-step').textContent()).toBe('0 so far');
      await fresh.screenshot({ path: join(artifacts, 'editor-onnx-imported.png') });
    });

    it('predicts a drawn digit with the imported weights', async () => {
      await drawOnDigitPad(fresh, oneStroke, 8);
      const probabilities = await classProbabilities(fresh);
      expect(probabilities).toHaveLength(10);
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    });

    it('refuses a file with an op Loom does not read, naming the node and op, and changes nothing', async () => {
      const before = await canvasNodeIds(fresh);
      const accuracy = await editorTestAccuracy(fresh);
      await fresh.getByTestId('open-file-input').setInputFiles({
        name: 'hardmax.onnx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(oneOpOnnxModel('Hardmax', 'head')),
      });
      const toast = fresh.getByTestId('notice-error').filter({ hasText: 'hardmax.onnx' });
      await toast.waitFor({ timeout: 30_000 });
      expect(await toast.textContent()).toMatch(
        /Node "head" \(Hardmax\): op Hardmax is not supported\..*The current model is unchanged\./,
      );
      expect(await canvasNodeIds(fresh)).toEqual(before);
      await fresh.locator('.doc-name', { hasText: 'MLP on MNIST' }).waitFor();
      expect(await editorTestAccuracy(fresh)).toBe(accuracy);
      expect(
        await fresh.locator('[data-testid="weights-info"][data-imported="true"]').count(),
      ).toBe(1);
    });

    it('exports an untrained model with a notice saying so, and a dropped .onnx file opens like a picked one', async () => {
      await openTemplate(fresh, 'cnn', 'CNN on MNIST');
      const untrained = await exportOnnx(fresh);
      expect(untrained.name).toMatch(/\.onnx$/);
      await fresh.getByTestId('notice-info').filter({ hasText: 'untrained weights' }).waitFor();
      const bytes = [...readFileSync(exported.path)];
      const dataTransfer = await fresh.evaluateHandle((content) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(content)], 'dropped.onnx'));
        return transfer;
      }, bytes);
      await fresh.dispatchEvent('[data-testid="canvas"]', 'drop', { dataTransfer });
      await fresh.locator('.doc-name', { hasText: 'MLP on MNIST' }).waitFor({ timeout: 60_000 });
      await fresh
        .locator('[data-testid="weights-info"][data-imported="true"]')
        .filter({ hasText: 'dropped.onnx' })
        .waitFor({ timeout: 60_000 });
      expect(await canvasNodeIds(fresh)).toEqual(trainedNodes);
    });

    it('undoes the import in one step', async () => {
      await fresh.keyboard.press('Control+z');
      await fresh.locator('.doc-name', { hasText: 'CNN on MNIST' }).waitFor();
    });

    it('opens another tool’s model op by op, arranged, and asks for a dataset to train it', async () => {
      await fresh.getByTestId('open-file-input').setInputFiles({
        name: 'relu.onnx',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(oneOpOnnxModel('Relu', 'act')),
      });
      await fresh
        .locator('.doc-name', { hasText: 'one-op' })
        .waitFor({ timeout: 30_000 })
        .catch(async (error: unknown) => {
          const notices = await fresh.locator('.notice').allTextContents();
          throw new Error(`relu.onnx did not open: ${JSON.stringify(notices)}`, { cause: error });
        });
      expect(await canvasNodeIds(fresh)).toEqual(['act', 'x', 'y']);
      // Laid out by Arrange (in its own worker, so it lands a moment later): no two cards in the same place.
      await waitForArrangement(fresh);
      const places = await fresh
        .locator('.react-flow__node')
        .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).style.transform));
      expect(new Set(places).size).toBe(3);
      expect(await fresh.getByTestId('train-blocker').textContent()).toMatch(/dataset/);
    });
  });

  it('logs no errors', () => {
    expect(errors).toEqual([]);
  });
});

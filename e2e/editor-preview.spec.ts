import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './src/chromium.js';
import { longTasksSince, openTemplate, watchLongTasks } from './src/editor-page.js';

/** Screenshots land here (gitignored). */
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

const card = (page: Page, id: string) => page.getByTestId(`node-${id}`);
const preview = (page: Page, id: string) => card(page, id).getByTestId('node-card-preview');

/** Each card's preview key (the cache key its value was computed for). */
async function previewKeys(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('[data-testid="node-card-preview"]')).map((el) => [
        el
          .closest('.node-card')!
          .getAttribute('data-testid')!
          .replace(/^node-/, ''),
        el.getAttribute('data-key')!,
      ]),
    ),
  );
}

describe('live previews on the node cards', () => {
  let chromium: ChromiumSession;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(watchLongTasks);
    await page.goto(inject('editorUrl'), { waitUntil: 'networkidle' });
    await page.locator('.app[data-ready="true"]').waitFor();
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
  });

  it('shows thumbnails on the dataset and conv nodes of the MNIST CNN, statistics on Linear, the loss as a number', async () => {
    await openTemplate(page, 'cnn', 'CNN on MNIST');
    await preview(page, 'fc')
      .and(page.locator('[data-kind="series"]'))
      .waitFor({ timeout: 60_000 });
    expect(await preview(page, 'data').getAttribute('data-kind')).toBe('image');
    expect(await preview(page, 'data').locator('canvas').count()).toBe(1);
    expect(await preview(page, 'conv1').getAttribute('data-kind')).toBe('image');
    expect(await preview(page, 'conv1').locator('canvas').count()).toBe(4);
    // The normalised digit's background is only slightly negative: grey, dark background, light strokes.
    const pixel = await preview(page, 'data')
      .locator('canvas')
      .evaluate((c: HTMLCanvasElement) => {
        const ctx = c.getContext('2d')!;
        return [c.width, c.height, ...ctx.getImageData(0, 0, 1, 1).data];
      });
    expect(pixel.slice(0, 2)).toEqual([28, 28]);
    expect(
      await preview(page, 'data').locator('[data-colormap]').getAttribute('data-colormap'),
    ).toBe('grey');
    expect(pixel[2]).toBe(0);
    expect(pixel[5]).toBe(255);
    expect(
      await preview(page, 'conv1').locator('[data-colormap]').getAttribute('data-colormap'),
    ).toBe('diverging');
    const stats = await preview(page, 'fc').getByTestId('preview-stats').textContent();
    expect(stats).toMatch(/μ/);
    expect(await preview(page, 'fc').locator('svg rect').count()).toBe(10);
    const loss = await page
      .locator('.node-card[data-category="loss"]')
      .getByTestId('preview-scalar')
      .textContent();
    expect(Number(loss!.replace('−', '-'))).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Arrange the graph' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(artifacts, 'editor-previews.png') });
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifacts, 'editor-previews-dark.png') });
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  }, 90_000);

  it('recomputes only the nodes an edit reaches, showing them as computing meanwhile, without long tasks', async () => {
    await openTemplate(page, 'mlp', 'MLP on MNIST');
    await preview(page, 'fc1')
      .and(page.locator('[data-kind="series"]'))
      .waitFor({ timeout: 60_000 });
    await preview(page, 'fc3').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    const before = await previewKeys(page);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['data', 'fc1', 'fc2', 'fc3']));
    await card(page, 'fc3').locator('.node-card-header').click();
    await page.locator('.inspector [data-param="bias"]').first().waitFor();
    await page.waitForTimeout(300);
    // From the edit on: the document update, the "computing…" state, the worker's answer, the redraw.
    const start = await page.evaluate(() => performance.now());
    await page.locator('.inspector [data-param="bias"] input[type="checkbox"]').first().uncheck();
    await preview(page, 'fc3')
      .and(page.locator('[data-pending="true"]'))
      .waitFor({ timeout: 5_000 });
    expect(await preview(page, 'fc1').getAttribute('data-pending')).toBe('false');
    await card(page, 'fc3').screenshot({ path: join(artifacts, 'editor-preview-computing.png') });
    await page.waitForFunction(
      (old) =>
        document
          .querySelector('[data-testid="node-fc3"] [data-testid="node-card-preview"]')
          ?.getAttribute('data-key') !== old &&
        document.querySelectorAll('[data-testid="node-card-preview"][data-pending="true"]')
          .length === 0,
      before.fc3,
      { timeout: 30_000 },
    );
    const end = await page.evaluate(() => performance.now());
    const after = await previewKeys(page);
    for (const id of ['data', 'flatten', 'fc1', 'relu1', 'fc2', 'relu2'])
      expect(after[id], `${id} was recomputed`).toBe(before[id]);
    expect(after.fc3).not.toBe(before.fc3);
    const recomputed = (await page.getByTestId('live-preview').getAttribute('data-recomputed'))!
      .split(' ')
      .filter(Boolean);
    expect(recomputed).toContain('fc3');
    // Every recomputed node that shows a preview got a new key (nothing unchanged was redone).
    expect(recomputed.filter((id) => id in before && before[id] === after[id])).toEqual([]);
    const tasks = await longTasksSince(page);
    const during = tasks
      .filter((t) => t.startTime >= start && t.startTime <= end)
      .map((t) => Math.round(t.duration));
    console.info(`editor previews: long tasks while an edit recomputed: ${JSON.stringify(during)}`);
    expect(during.filter((ms) => ms > 50)).toEqual([]);
  }, 90_000);

  it('hides previews with the toolbar toggle, and remembers it after a reload', async () => {
    const toggle = page.getByTestId('toggle-previews');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await page.getByTestId('node-card-preview').count()).toBe(0);
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('.app[data-ready="true"]').waitFor();
    await card(page, 'fc1').waitFor();
    await page.waitForTimeout(1500);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('node-card-preview').count()).toBe(0);
    await toggle.click();
    await preview(page, 'fc1').waitFor({ timeout: 60_000 });
  }, 90_000);

  it('logs no errors', () => {
    expect(errors).toEqual([]);
  });
});

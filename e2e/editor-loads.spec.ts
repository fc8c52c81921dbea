import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './src/chromium.js';

describe('the editor page', () => {
  let chromium: ChromiumSession;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(inject('editorUrl'), { waitUntil: 'networkidle' });
  });

  afterAll(async () => {
    await chromium?.close();
  });

  it('shows the canvas, the palette and the inspector', async () => {
    await page.getByTestId('canvas').locator('.react-flow__renderer').waitFor({ state: 'visible' });
    expect(await page.getByTestId('palette').isVisible()).toBe(true);
    expect(await page.getByTestId('inspector').isVisible()).toBe(true);
  });

  it('is cross-origin isolated, so SharedArrayBuffer is available', async () => {
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  });

  it('logs no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});

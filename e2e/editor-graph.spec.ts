import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './src/chromium.js';

/** Screenshots of the main views, kept as test artifacts (gitignored). */
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

async function shot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);

async function dropFromPalette(page: Page, type: string, x: number, y: number) {
  await page
    .locator(`.palette .palette-item[data-node-type="${type}"]`)
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

async function setParam(page: Page, name: string, value: string) {
  const input = page.locator(`.inspector [data-param="${name}"] input`).first();
  await input.fill(value);
  await input.blur();
}

async function select(page: Page, id: string) {
  await node(page, id).locator('.node-card-header').click();
}

/** Drags from an output handle to an input handle (or to a point on the canvas). */
async function dragEdge(
  page: Page,
  from: [string, string],
  to: [string, string] | { x: number; y: number },
  { release = true } = {},
) {
  const source = node(page, from[0]).locator(
    `.react-flow__handle.source[data-handleid="${from[1]}"]`,
  );
  await source.hover();
  await page.mouse.down();
  let target: { x: number; y: number };
  if (Array.isArray(to)) {
    const box = await node(page, to[0])
      .locator(`.react-flow__handle.target[data-handleid="${to[1]}"]`)
      .boundingBox();
    if (!box) throw new Error(`no input handle ${to.join('.')}`);
    target = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  } else {
    const canvas = await page.getByTestId('canvas').boundingBox();
    target = { x: canvas!.x + to.x, y: canvas!.y + to.y };
  }
  await page.mouse.move(target.x, target.y, { steps: 12 });
  if (release) await page.mouse.up();
}

const edgeLabels = (page: Page) => page.getByTestId('edge-label').allTextContents();
const nodeCount = (page: Page) => page.locator('.react-flow__node').count();
const edgeCount = (page: Page) => page.locator('.react-flow__edge').count();

/** The node ids of the document autosaved in IndexedDB (null before the first save). */
function autosavedNodeIds(page: Page): Promise<string[] | null> {
  return page.evaluate(
    () =>
      new Promise<string[] | null>((resolve) => {
        const open = indexedDB.open('loom-editor');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('documents')) return resolve(null);
          const get = db.transaction('documents').objectStore('documents').get('current');
          get.onsuccess = () =>
            resolve(get.result?.document?.nodes?.map((n: { id: string }) => n.id) ?? null);
          get.onerror = () => resolve(null);
        };
        open.onerror = () => resolve(null);
      }),
  );
}

const nodeIds = (page: Page) =>
  page.locator('.react-flow__node').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-id')));

describe('editing a model graph', () => {
  let chromium: ChromiumSession;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(inject('editorUrl'), { waitUntil: 'networkidle' });
    await page.locator('.app[data-ready="true"]').waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  it('builds an MLP from the palette and labels every edge with its shape', async () => {
    await page.getByTestId('canvas-empty').waitFor();
    await shot(page, 'editor-empty');
    await dropFromPalette(page, 'input', 40, 80);
    await setParam(page, 'shape', '784');
    await dropFromPalette(page, 'Linear', 330, 80);
    await setParam(page, 'inFeatures', '784');
    await setParam(page, 'outFeatures', '128');
    await dropFromPalette(page, 'ReLU', 620, 80);

    // Unconnected, the Linear layer is outlined with its error.
    await expect.poll(() => node(page, 'linear-1').getAttribute('class')).toContain('has-error');
    expect(await node(page, 'linear-1').getByTestId('node-error').textContent()).toMatch(
      /not connected/,
    );

    await dragEdge(page, ['input-1', 'out'], ['linear-1', 'in']);
    await dragEdge(page, ['linear-1', 'out'], ['relu-1', 'in']);
    await expect.poll(() => edgeLabels(page)).toEqual(['[N, 784]', '[N, 128]']);
    expect(await node(page, 'linear-1').getAttribute('class')).not.toContain('has-error');

    // Dropping a dangling edge opens the palette filtered to what fits; Enter adds and connects.
    await dragEdge(page, ['relu-1', 'out'], { x: 640, y: 420 });
    const popup = page.getByTestId('palette-popup');
    await popup.waitFor();
    const offered = await popup
      .locator('.palette-item')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-node-type')));
    expect(offered).toContain('Linear');
    expect(offered).not.toContain('Conv2d'); // needs a rank-4 input
    expect(offered).not.toContain('dataset'); // has no inputs
    await popup.getByRole('combobox').fill('linear');
    await page.keyboard.press('Enter');
    await expect.poll(() => edgeCount(page)).toBe(3);
    await setParam(page, 'inFeatures', '128');
    await setParam(page, 'outFeatures', '10');

    await expect.poll(() => edgeLabels(page)).toEqual(['[N, 784]', '[N, 128]', '[N, 128]']);
    expect(await node(page, 'linear-2').locator('.port-shape').textContent()).toBe('[N, 10]');
    await page.keyboard.press('Escape');
    await shot(page, 'editor-mlp');
  });

  it('saves a typed parameter only when the whole text is valid, keeping the error visible', async () => {
    await select(page, 'linear-2');
    const field = page.locator('.inspector [data-param="outFeatures"]').first();
    const input = field.locator('input');
    const shape = () => node(page, 'linear-2').locator('.port-shape').textContent();
    // "1" is valid on the way to "1.5": nothing is saved until the edit ends, and then nothing.
    await input.fill('');
    await input.pressSequentially('1.5');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('1.5');
    expect(await field.locator('.field-error').textContent()).toMatch(/whole number/);
    await shot(page, 'editor-param-error');
    expect(await shape()).toBe('[N, 10]');
    for (const bad of ['-1', '0']) {
      await input.fill(bad);
      await input.blur();
      expect(await input.inputValue()).toBe(bad);
      expect(await field.locator('.field-error').isVisible()).toBe(true);
      expect(await shape()).toBe('[N, 10]');
    }
    // A valid value is saved on Enter, as one undo step.
    await input.fill('12');
    await input.press('Enter');
    await expect.poll(shape).toBe('[N, 12]');
    expect(await field.locator('.field-error').count()).toBe(0);
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await expect.poll(shape).toBe('[N, 10]');
  });

  it('keeps Train disabled while the graph has problems, and says why', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    const train = page.getByTestId('train-button');
    expect(await train.isDisabled()).toBe(true);
    expect(await page.getByTestId('train-blocker').textContent()).toMatch(
      /^(Fix \d+ problems? first|Add a dataset node first)$/,
    );
    // No dataset node: no claim about MNIST.
    expect(await page.getByTestId('mnist-note').count()).toBe(0);
    await page.getByTestId('train-blocker').scrollIntoViewIfNeeded();
    await shot(page, 'editor-train-blocked');
  });

  it('refuses an incompatible connection and says why', async () => {
    await dropFromPalette(page, 'Conv2d', 330, 420);
    const edgesBefore = await edgeCount(page);
    // While hovering the port, the reason shows beside it.
    await dragEdge(page, ['input-1', 'out'], ['conv2d-1', 'in'], { release: false });
    const hint = page.getByTestId('connection-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(/needs rank 4/);
    await shot(page, 'editor-connection-hint');
    await page.mouse.up();
    const notice = page.getByTestId('notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /Cannot connect: Conv2d input "in" needs rank 4, but this output is \[N, 784\] float32/,
    );
    await expect.poll(() => edgeCount(page)).toBe(edgesBefore);
    await shot(page, 'editor-refused-connection');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await select(page, 'conv2d-1');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeCount(page)).toBe(4);
  });

  it('undo and redo walk the graph back and forth', async () => {
    const labels = await edgeLabels(page);
    await select(page, 'relu-1');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeCount(page)).toBe(3);
    await expect.poll(() => edgeCount(page)).toBe(1); // both edges of the ReLU went with it

    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeCount(page)).toBe(4);
    await expect.poll(() => edgeLabels(page)).toEqual(labels);

    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => nodeCount(page)).toBe(3);
    await page.keyboard.press('Control+z');
    await expect.poll(() => edgeLabels(page)).toEqual(labels);

    // Typing into a parameter is one undo step.
    await select(page, 'linear-2');
    await setParam(page, 'outFeatures', '32');
    await expect
      .poll(() => node(page, 'linear-2').locator('.port-shape').textContent())
      .toBe('[N, 32]');
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => node(page, 'linear-2').locator('.port-shape').textContent())
      .toBe('[N, 10]');
  });

  it('copies and pastes nodes with the edges between them', async () => {
    await page.keyboard.press('Escape');
    await select(page, 'linear-1');
    await node(page, 'relu-1')
      .locator('.node-card-header')
      .click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodeCount(page)).toBe(6);
    await expect.poll(() => edgeCount(page)).toBe(4);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodeCount(page)).toBe(4);
  });

  it('selects a connection by its label, shows it and deletes it', async () => {
    await page.getByTestId('edge-label').filter({ hasText: '[N, 784]' }).click();
    const inspector = page.getByTestId('inspector');
    await expect.poll(() => inspector.locator('.panel-title').textContent()).toBe('Connection');
    expect(await inspector.locator('.edge-facts').textContent()).toMatch(
      /input-1\.out.*linear-1\.in.*\[N, 784\]/,
    );
    await page.keyboard.press('Delete');
    await expect.poll(() => edgeCount(page)).toBe(2);
    await expect.poll(() => node(page, 'linear-1').getAttribute('class')).toContain('has-error');
    await page.keyboard.press('Control+z');
    await expect.poll(() => edgeCount(page)).toBe(3);
  });

  it('restores the autosaved graph after a reload', async () => {
    const labels = await edgeLabels(page);
    const ids = await nodeIds(page);
    // The autosave is debounced: wait until it has caught up with the last edit.
    await expect.poll(() => autosavedNodeIds(page), { timeout: 10_000 }).toEqual(ids);
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('.app[data-ready="true"]').waitFor();
    await expect.poll(() => nodeIds(page)).toEqual(ids);
    await expect.poll(() => edgeLabels(page)).toEqual(labels);
  });

  it('shows an error for a malformed file and keeps the graph', async () => {
    const labels = await edgeLabels(page);
    await page.getByTestId('open-file-input').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "loom-model", "nodes": [1, 2'),
    });
    const notice = page.getByTestId('notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/"broken\.json" is not JSON.*unchanged/);
    await shot(page, 'editor-malformed-file');

    await page.getByTestId('open-file-input').setInputFiles({
      name: 'not-a-model.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          format: 'loom-model',
          version: 1,
          name: 'x',
          nodes: [{ id: 'a' }],
          edges: [],
        }),
      ),
    });
    await expect
      .poll(() => page.getByTestId('notice-error').allTextContents())
      .toContainEqual(expect.stringMatching(/"not-a-model\.json" is not a valid Loom model/));
    expect(await nodeCount(page)).toBe(4);
    await expect.poll(() => edgeLabels(page)).toEqual(labels);
  });

  it('saves the model as a .json file and opens it again', async () => {
    const ids = await nodeIds(page);
    const labels = await edgeLabels(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the model as a file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.loom\.json$/);
    const path = await download.path();
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.nodes.map((n: { id: string }) => n.id)).toEqual(ids);

    await select(page, 'relu-1');
    await page.keyboard.press('Delete');
    await expect.poll(() => nodeCount(page)).toBe(ids.length - 1);
    await page.getByTestId('open-file-input').setInputFiles(path);
    await expect.poll(() => nodeIds(page)).toEqual(ids);
    await expect.poll(() => edgeLabels(page)).toEqual(labels);
  });

  it('shares the model through a link, and refuses a damaged link', async () => {
    const ids = await nodeIds(page);
    const labels = await edgeLabels(page);
    await page.evaluate(() => {
      location.hash = '#model=this-is-not-deflate-data';
    });
    await expect
      .poll(() => page.getByTestId('notice-error').allTextContents())
      .toContainEqual(expect.stringMatching(/shared link is damaged.*unchanged/));
    expect(await nodeIds(page)).toEqual(ids);

    await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy a share link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/#model=[\w-]+$/);
    const other = await chromium.context.newPage();
    await other.setViewportSize({ width: 1600, height: 1000 });
    await other.goto(link, { waitUntil: 'networkidle' });
    await other.locator('.app[data-ready="true"]').waitFor();
    await expect.poll(() => nodeIds(other)).toEqual(ids);
    await expect.poll(() => edgeLabels(other)).toEqual(labels);
    expect(new URL(other.url()).hash).toBe('');
    await other.close();
  });

  it('shows the shortcuts, the palette popup and dark mode', async () => {
    await page.keyboard.press('Escape');
    await page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    expect(await help.getByRole('dialog').textContent()).toMatch(/Undo/);
    await shot(page, 'editor-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('Space');
    const popup = page.getByTestId('palette-popup');
    await popup.waitFor();
    await popup.getByRole('combobox').fill('conv');
    expect(await popup.locator('.palette-item').first().getAttribute('data-node-type')).toBe(
      'Conv2d',
    );
    await shot(page, 'editor-palette-popup');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });

    // Double-clicking the empty canvas opens it too, where the pointer is.
    await page
      .getByTestId('canvas')
      .locator('.react-flow__pane')
      .dblclick({ position: { x: 300, y: 600 } });
    await popup.waitFor();
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await shot(page, 'editor-mlp-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  it('opens every textbook template ready to train, laid out and fully shaped', async () => {
    const ids = await page
      .locator('.menu-list [data-template]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-template')!));
    expect(ids).toEqual(
      expect.arrayContaining(['linear-regression', 'mlp', 'cnn', 'char-lstm', 'transformer']),
    );
    for (const id of ids) {
      await page.locator('.menu > summary').click();
      await page.locator(`.menu-list [data-template="${id}"]`).click();
      await expect.poll(() => nodeCount(page)).toBeGreaterThan(2);
      await expect.poll(() => page.locator('.node-card.has-error').count()).toBe(0);
      await expect.poll(() => edgeCount(page)).toBeGreaterThan(1);
      const labels = await edgeLabels(page);
      expect(labels.length).toBe(await edgeCount(page));
      expect(labels.every((l) => l.startsWith('['))).toBe(true);
      await page.waitForTimeout(300); // the fit-view animation
      await shot(page, `editor-template-${id}`);
    }
    // The Templates menu closes on an outside click; opening one says how to go back.
    await page.locator('.menu > summary').click();
    expect(await page.locator('details.menu').getAttribute('open')).not.toBeNull();
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    expect(await page.locator('details.menu').getAttribute('open')).toBeNull();
    expect(
      await page.getByTestId('notice-info').filter({ hasText: 'Undo (Ctrl+Z)' }).count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('.notice').count()).toBeLessThanOrEqual(3);
    // Notices stay clear of the zoom controls.
    const controls = await page.locator('.react-flow__controls').boundingBox();
    for (const box of await page
      .locator('.notice')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect)))
      expect(
        box.left >= controls!.x + controls!.width ||
          box.top >= controls!.y + controls!.height ||
          box.bottom <= controls!.y,
      ).toBe(true);

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await shot(page, 'editor-template-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();

    // The inspector edits the optimizer's learning rate, typed key by key.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    const lr = page.locator('.inspector [data-param="lr"] input').first();
    await lr.fill('');
    await lr.pressSequentially('0.005');
    await lr.blur();
    expect(await lr.inputValue()).toBe('0.005');
    await expect
      .poll(() =>
        page.locator('.node-card[data-category="optimizer"] .node-card-params').textContent(),
      )
      .toContain('0.005');
    await page.keyboard.press('Control+z');
    expect(await lr.inputValue()).toBe('0.001');

    // Opening a template is one undo step.
    const last = await page.locator('.doc-name').textContent();
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.doc-name').textContent()).not.toBe(last);
  });

  it('says how many MNIST digits the browser has, and warns about a larger train size', async () => {
    await page.locator('.menu > summary').click();
    await page.locator('.menu-list [data-template="mlp"]').click();
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    const data = page.getByRole('region', { name: 'Dataset data' });
    expect(await data.getByTestId('dataset-note').textContent()).toMatch(/20,000 training/);
    expect(await data.getByTestId('dataset-warning').count()).toBe(0);
    const trainSize = data.locator('[data-param="trainSize"] input');
    await trainSize.fill('50000');
    await trainSize.press('Enter');
    expect(await data.getByTestId('dataset-warning').textContent()).toMatch(
      /50,000 .*20,000 training digits available/,
    );
  });

  it('logs no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});

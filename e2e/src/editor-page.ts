/**
 * Small steps the editor specs share: opening a template, drawing on the digit pad, reading the
 * prediction, and watching the main thread for long tasks.
 */
import type { Page } from 'playwright-core';

export interface LongTask {
  startTime: number;
  duration: number;
}

export interface LongFrame extends LongTask {
  /** The scripts that ran in the frame: "invoker function@file duration". */
  scripts: string[];
}

declare global {
  interface Window {
    /** Every main-thread long task since the page loaded (see watchLongTasks). */
    loomLongTasks?: LongTask[];
    /** Long animation frames with the scripts that ran in them (for diagnosis). */
    loomLongFrames?: LongFrame[];
  }
}

/**
 * Records long tasks (and long animation frames, which name the scripts that ran) from the first
 * moment, so a page that blocks cannot hide it. Install with `page.addInitScript(watchLongTasks)`:
 * it runs in the page, before any of its scripts, so it must not use anything from this module.
 */
export function watchLongTasks(): void {
  window.loomLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.loomLongTasks!.push({ startTime: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
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

/** The long tasks recorded by watchLongTasks that started at or after `since` (page time, ms). */
export async function longTasksSince(page: Page, since = 0): Promise<LongTask[]> {
  return page.evaluate(
    (from) => (window.loomLongTasks ?? []).filter((t) => t.startTime >= from),
    since,
  );
}

/** The long animation frames recorded by watchLongTasks. */
export async function longFrames(page: Page): Promise<LongFrame[]> {
  return page.evaluate(() => window.loomLongFrames ?? []);
}

/**
 * Opens one of the editor's templates from its Templates menu and waits for its name, then for
 * the auto-layout (templates carry no positions: their cards start stacked at the origin), so the
 * next step of a spec is not measured against the arrangement still landing.
 */
export async function openTemplate(page: Page, id: string, name: string): Promise<void> {
  await page.locator('summary[aria-label="Templates"]').click();
  await page.locator(`[data-template="${id}"]`).click();
  await page.locator('.doc-name', { hasText: name }).waitFor();
  await waitForArrangement(page);
}

/** Waits until every card on the canvas has a place of its own (the auto-layout has landed). */
export async function waitForArrangement(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const cards = Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node'));
      return cards.length > 0 && new Set(cards.map((c) => c.style.transform)).size === cards.length;
    },
    undefined,
    { timeout },
  );
}

/** Waits until the node's card shows its live preview, computed for the current graph. */
export async function waitForNodePreview(
  page: Page,
  nodeId: string,
  timeout = 60_000,
): Promise<void> {
  await page
    .getByTestId(`node-${nodeId}`)
    .locator('[data-testid="node-card-preview"][data-pending="false"]')
    .waitFor({ timeout });
}

/** One stroke with the mouse on the digit pad, through points given as fractions of its size. */
export async function drawOnDigitPad(
  page: Page,
  stroke: readonly (readonly [number, number])[],
  stepsPerSegment = 6,
): Promise<void> {
  const canvas = page.getByTestId('digit-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the digit canvas is not visible');
  const at = ([fx, fy]: readonly [number, number]) =>
    [box.x + fx * box.width, box.y + fy * box.height] as const;
  const [first, ...rest] = stroke;
  if (!first) return;
  await page.mouse.move(...at(first));
  await page.mouse.down();
  for (const point of rest) await page.mouse.move(...at(point), { steps: stepsPerSegment });
  await page.mouse.up();
}

/** A "7": across the top, then down to the lower left. */
export const sevenStroke = [
  [0.25, 0.2],
  [0.5, 0.2],
  [0.75, 0.2],
  [0.65, 0.45],
  [0.55, 0.65],
  [0.45, 0.85],
] as const;

/** A "1": a vertical line through the middle (enough for a prediction). */
export const oneStroke = [
  [0.5, 0.2],
  [0.5, 0.8],
] as const;

/** The prediction's probability per class, once the digit pad shows one. */
export async function classProbabilities(page: Page): Promise<number[]> {
  await page.getByTestId('prediction').waitFor({ timeout: 30_000 });
  return page
    .getByTestId('class-probability')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability'))));
}

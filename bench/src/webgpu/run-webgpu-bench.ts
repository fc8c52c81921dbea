import { launchChromium } from './chromium-launch.js';
import { pageBenchGlobal, type PageBenchOptions, type PageBenchResult } from './page-protocol.js';
import { servePage } from './serve-page.js';

export interface WebGpuRun extends PageBenchResult {
  chromium: string;
}

/** Builds and serves the page, runs its benchmark in headless Chromium and returns its figures. */
export async function runWebGpuBench(options: PageBenchOptions, timeoutMs = 8 * 60_000): Promise<WebGpuRun> {
  const page = await servePage();
  try {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      tab.setDefaultTimeout(timeoutMs);
      await tab.goto(page.url);
      await tab.waitForFunction((name) => name in globalThis, pageBenchGlobal).catch((error: unknown) => {
        throw new Error(`the WebGPU page did not start${errors.length ? `: ${errors.join('; ')}` : ''}`, { cause: error });
      });
      const result = await tab.evaluate(([name, opts]) => {
        const bench = globalThis[name];
        if (!bench) throw new Error(`the page has no ${name}`);
        return bench(opts);
      }, [pageBenchGlobal, options] as const);
      return { ...result, chromium: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    await page.stop();
  }
}

import { registerWebGpuBackend } from '@loom/backend-webgpu';
import { getBackend, setBackend } from '@loom/graph';
import { readAdapterInfo } from './adapter-info.js';
import { chainMelems, convGflops, matmulGflops, trainingSamples } from './page-cases.js';
import { pageBenchGlobal, type PageBench, type PageFigure } from './page-protocol.js';

// The WebGPU benchmark page's script. The backend runs on the page's main thread (not in a worker):
// the figures are kernel and step times as a page sees them, one case at a time.

async function measure(figures: PageFigure[], figure: Omit<PageFigure, 'value'>, run: () => Promise<number>): Promise<void> {
  try {
    figures.push({ ...figure, value: await run() });
  } catch (error) {
    figures.push({ ...figure, reason: error instanceof Error ? error.message : String(error) });
  }
}

const runBench: PageBench = async (options) => {
  registerWebGpuBackend();
  await setBackend('webgpu');
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('navigator.gpu.requestAdapter() found no adapter');
  const figures: PageFigure[] = [];
  const { budgetMs } = options;
  for (const n of options.matmulSizes) {
    await measure(figures, { benchmark: 'matmul', case: `N = ${n}` }, () => matmulGflops(n, budgetMs));
  }
  await measure(figures, { benchmark: 'chain', case: `${options.chainLength.toLocaleString('en')} floats` }, () =>
    chainMelems(options.chainLength, budgetMs),
  );
  if (options.conv) {
    await measure(figures, { benchmark: 'conv2d', case: 'MNIST conv1: 64×1×28×28 → 32, 3×3, forward' }, () =>
      convGflops([64, 1, 28, 28], [32, 1, 3, 3], budgetMs),
    );
    await measure(figures, { benchmark: 'conv2d', case: 'MNIST conv2: 64×32×13×13 → 64, 3×3, forward' }, () =>
      convGflops([64, 32, 13, 13], [64, 32, 3, 3], budgetMs),
    );
  }
  await measure(figures, { benchmark: 'training', case: 'MLP 784-128-64-10' }, () => trainingSamples('mlp', 64, budgetMs));
  if (options.conv) {
    await measure(figures, { benchmark: 'training', case: 'CNN (MNIST textbook)' }, () => trainingSamples('cnn', 64, budgetMs));
  }
  return {
    adapter: readAdapterInfo(adapter),
    backendDescription: getBackend().description ?? getBackend().name,
    userAgent: navigator.userAgent,
    figures,
  };
};

globalThis[pageBenchGlobal] = runBench;

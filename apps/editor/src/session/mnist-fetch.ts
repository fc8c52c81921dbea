import type { MnistFiles } from '@loom/data';

/** Where the editor's Vite plugin serves the gzipped IDX files (see mnist-assets-plugin.ts). */
export function mnistUrl(
  file: string,
  base = import.meta.env.BASE_URL,
  origin = self.location.origin,
): string {
  return new URL(`${base}mnist/${file}.gz`, origin).href;
}

/**
 * The bytes of one served file, unzipped. Static servers (vite preview's sirv) may label `.gz` files
 * `Content-Encoding: gzip`, in which case the browser has already unzipped them: only bytes that
 * still start with gzip's signature are decompressed here.
 */
async function fetchGzipped(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`MNIST: fetching ${url} failed (${response.status} ${response.statusText})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!isGzip(bytes)) return bytes;
  const unzipped = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unzipped).arrayBuffer());
}

/** Whether bytes start with gzip's two-byte signature (IDX files start with two zero bytes). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

let files: Promise<MnistFiles> | undefined;

/** The four MNIST files served with the editor, fetched and unzipped once per worker. */
export function fetchMnist(): Promise<MnistFiles> {
  files ??= Promise.all(
    [
      'train-images-idx3-ubyte',
      'train-labels-idx1-ubyte',
      't10k-images-idx3-ubyte',
      't10k-labels-idx1-ubyte',
    ].map((f) => fetchGzipped(mnistUrl(f))),
  ).then(([trainImages, trainLabels, testImages, testLabels]) => ({
    trainImages,
    trainLabels,
    testImages,
    testLabels,
  }));
  files.catch(() => (files = undefined));
  return files;
}

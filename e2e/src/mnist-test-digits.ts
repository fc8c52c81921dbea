import { gunzipSync } from 'node:zlib';
import { mnistMean, mnistStd, parseIdx } from '@loom/data';

/** The MNIST test digits as the editor serves them (`/mnist/*.gz`), normalised as its MNIST dataset node does by default. */
export async function fetchMnistTestDigits(
  editorUrl: string,
): Promise<{ images: Float32Array; labels: Int32Array; count: number }> {
  const [imageBytes, labelBytes] = await Promise.all(
    ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map(async (file) => {
      const response = await fetch(new URL(`mnist/${file}.gz`, editorUrl));
      if (!response.ok) throw new Error(`fetching ${file}: ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // The server may have sent it Content-Encoding: gzip, already unzipped by fetch.
      return bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
    }),
  );
  const pixels = parseIdx(imageBytes!).data;
  // The same arithmetic as @loom/data's mnistFromIdx, so the inputs match bit for bit.
  const [scale, shift] = [1 / (255 * mnistStd), mnistMean / mnistStd];
  const images = Float32Array.from(pixels, (p) => p * scale - shift);
  const labels = Int32Array.from(parseIdx(labelBytes!).data);
  return { images, labels, count: labels.length };
}

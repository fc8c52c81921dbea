/** How a node card draws one output: thumbnails, a bar strip with statistics, or one number. */
export type PreviewKind = 'image' | 'series' | 'scalar' | 'none';

/**
 * The preview kind of an output of `shape` (batch axis first, batch of one): [1, C, H, W] and
 * [1, H, W] with roughly square sides of at least 2 are images; a single value is a scalar; any
 * other non-empty shape ([1, F], [1, T, F], …) is a series. An empty tensor has no preview.
 */
export function previewKind(shape: readonly number[]): PreviewKind {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return 'none';
  if (size === 1) return 'scalar';
  if (shape.length === 4 || shape.length === 3) {
    const height = shape[shape.length - 2];
    const width = shape[shape.length - 1];
    const square = Math.max(height, width) <= 2 * Math.min(height, width);
    if (height >= 2 && width >= 2 && square) return 'image';
  }
  return 'series';
}

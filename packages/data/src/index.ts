/** Datasets (MNIST, synthetic, text), batching, shuffling, normalisation. */
export const packageName = '@loom/data';

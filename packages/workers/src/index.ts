/** The Comlink-wrapped worker pool: engine worker, intra-op parallelism, fault handling. */
export const packageName = '@loom/workers';

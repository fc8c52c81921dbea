/** WGSL kernels and the code generator for fused kernels; runs in a worker. */
export const packageName = '@loom/backend-webgpu';
